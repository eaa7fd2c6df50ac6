import { caseDays, type CaseDays } from './caseDays';
import { LEVEL_COUNT, tableOf, type EpisodesInput } from './episodeTable';

export interface ReturnToHigherWithin30 {
  /** Step-downs: iop or outpatient episodes starting 0–7 days after the end of a higher-level episode of the case. */
  readonly n: number;
  /** Share of step-downs followed by a higher-level episode starting 1–30 days after the step-down's start; null when n = 0. */
  readonly rate: number | null;
}

/**
 * Return to a higher level within 30 days of a step-down. A step-down is an episode that starts 0–7 days after
 * the end of some episode of the same case at a higher level (each episode counts once, however many qualify);
 * it returns when some episode of the case at a level higher than the step-down's starts 1–30 days after the
 * step-down's start (day 0 excluded).
 */
export function returnToHigherWithin30(input: EpisodesInput, days?: CaseDays): ReturnToHigherWithin30 {
  const table = tableOf(input);
  const index = days ?? caseDays(table);
  const { caseOf, level, start } = table;
  const levelCount = LEVEL_COUNT;
  let n = 0;
  let returned = 0;
  for (let episode = 0; episode < table.count; episode += 1) {
    const rank = level[episode] as number;
    const caseNumber = caseOf[episode] as number;
    const day = start[episode] as number;
    let stepDown = false;
    for (let higher = rank + 1; higher < levelCount && !stepDown; higher += 1) stepDown = index.hasEndWithin(caseNumber, higher, day - 7, day);
    if (!stepDown) continue;
    n += 1;
    let returns = false;
    for (let higher = rank + 1; higher < levelCount && !returns; higher += 1) returns = index.hasStartWithin(caseNumber, higher, day + 1, day + 30);
    if (returns) returned += 1;
  }
  return { n, rate: n === 0 ? null : returned / n };
}
