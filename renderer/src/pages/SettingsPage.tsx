/** Placeholder until the settings screen lands. */
export function SettingsPage() {
  return <p>Not built yet.</p>;
}
