import { caseDays, type CaseDays } from './caseDays';
import { INPATIENT, IOP, OPEN_END, OUTPATIENT, REASON_DIED, tableOf, type EpisodesInput } from './episodeTable';

export interface ContinuityAfterInpatient {
  /** Closed inpatient episodes whose end reason is not died. */
  readonly n: number;
  /** Share of them followed by an iop or outpatient episode of the same case starting 0–7 days after the end; null when n = 0. */
  readonly within7: number | null;
  /** The same within 0–30 days. */
  readonly within30: number | null;
}

/**
 * Continuity of care after inpatient: for each closed inpatient episode not ended by death, whether some iop or
 * outpatient episode of the same case starts 0–7 (0–30) days after its end. Any such episode counts, not only
 * the next one, and the days in between may hold anything (another inpatient stay, say).
 */
export function continuityAfterInpatient(input: EpisodesInput, days?: CaseDays): ContinuityAfterInpatient {
  const table = tableOf(input);
  const index = days ?? caseDays(table);
  const { caseOf, level, end, reason } = table;
  const [open, inpatient, iop, outpatient, died] = [OPEN_END, INPATIENT, IOP, OUTPATIENT, REASON_DIED];
  let n = 0;
  let within7 = 0;
  let within30 = 0;
  for (let episode = 0; episode < table.count; episode += 1) {
    const ended = end[episode] as number;
    if (level[episode] !== inpatient || ended === open || reason[episode] === died) continue;
    n += 1;
    const caseNumber = caseOf[episode] as number;
    const next = Math.min(index.firstStartFrom(caseNumber, iop, ended), index.firstStartFrom(caseNumber, outpatient, ended));
    if (next - ended <= 7) within7 += 1;
    if (next - ended <= 30) within30 += 1;
  }
  return { n, within7: n === 0 ? null : within7 / n, within30: n === 0 ? null : within30 / n };
}
