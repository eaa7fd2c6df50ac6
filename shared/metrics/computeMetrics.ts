import { caseDays } from './caseDays';
import { continuityAfterInpatient, type ContinuityAfterInpatient } from './continuity';
import { dropoutRate, type DropoutRates } from './dropout';
import { tableOf, type EpisodesInput } from './episodeTable';
import { lengthOfStay, type LengthOfStay } from './lengthOfStay';
import { returnToHigherWithin30, type ReturnToHigherWithin30 } from './returnToHigher';
import { transitionCounts, type TransitionCounts } from './transitions';

/** Exactly what the metrics CLI prints. */
export interface EpisodeMetrics {
  readonly transitions: TransitionCounts;
  readonly lengthOfStay: LengthOfStay;
  readonly continuityAfterInpatient: ContinuityAfterInpatient;
  readonly returnToHigherWithin30: ReturnToHigherWithin30;
  readonly dropoutRate: DropoutRates;
}

/**
 * Every caseload metric over (already validated) episodes, taken as given: no "as of" date, open episodes stay
 * open. The episodes are grouped by case and ordered once (or come as a table already, from a reader that built
 * one while streaming rows), then each metric is a pass with binary searches.
 */
export function computeMetrics(episodes: EpisodesInput): EpisodeMetrics {
  const table = tableOf(episodes);
  const days = caseDays(table);
  return {
    transitions: transitionCounts(table),
    lengthOfStay: lengthOfStay(table),
    continuityAfterInpatient: continuityAfterInpatient(table, days),
    returnToHigherWithin30: returnToHigherWithin30(table, days),
    dropoutRate: dropoutRate(table),
  };
}
