/** Marks synthetic demo records and users so they can never be mistaken for real ones. */
export function DemoTag({ what = 'record' }: { readonly what?: 'record' | 'user' }) {
  return (
    <span className="demo-tag" title={what === 'user' ? 'Synthetic demo user, not a real person' : 'Synthetic demo record, not a real patient'}>
      DEMO
    </span>
  );
}
