import type { CaseDetail } from '../../../shared/contract/caseDetail';

/** Placeholder until the charts land: a lane per level with episodes as bars and markers for events. */
export function CaseTimeline({ detail }: { readonly detail: CaseDetail }) {
  return <p className="muted">Timeline of {detail.episodes.length} episodes (chart not built yet).</p>;
}
