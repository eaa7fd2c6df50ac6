import type { Level } from '../../../shared/domain/levels';
import type { InterchangeEpisode } from '../../../shared/metrics';

/** An episode in interchange format v1; open (end and end reason null) unless an end is given. */
export function episode(caseId: string, level: Level, start: string, end: string | null = null, endReason: string | null = null): InterchangeEpisode {
  return { caseId, level, start, end, endReason };
}

/**
 * The worked example of docs/METRICS.md, three cases:
 *   A  inpatient 01-01 → 01-15 stepped-down, iop 01-15 → 02-05 stepped-up, inpatient 02-10 → 02-20 stepped-down, outpatient 02-20 → open
 *   B  inpatient 01-10 → 01-20 dropped-out, iop 02-05 → 03-30 completed
 *   C  iop 02-01 → 02-10 stepped-up, inpatient 02-10 → 02-12 died
 * listed interleaved, not case by case, as an export may list them.
 */
export const WORKED_EXAMPLE: readonly InterchangeEpisode[] = [
  episode('B', 'iop', '2026-02-05', '2026-03-30', 'completed'),
  episode('A', 'inpatient', '2026-01-01', '2026-01-15', 'stepped-down'),
  episode('C', 'inpatient', '2026-02-10', '2026-02-12', 'died'),
  episode('A', 'outpatient', '2026-02-20'),
  episode('B', 'inpatient', '2026-01-10', '2026-01-20', 'dropped-out'),
  episode('A', 'iop', '2026-01-15', '2026-02-05', 'stepped-up'),
  episode('C', 'iop', '2026-02-01', '2026-02-10', 'stepped-up'),
  episode('A', 'inpatient', '2026-02-10', '2026-02-20', 'stepped-down'),
];
