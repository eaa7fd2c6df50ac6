import type { Level } from '../domain/levels';

/** The parts of a placement decision the reports read (the review-workflow issue's decision record). */
export interface DecisionRecord {
  /** The level the rules recommended; null when they could not decide. */
  readonly recommendedLevel: Level | null;
  readonly chosenLevel: Level;
  /** draft, submitted, approved, returned or withdrawn. */
  readonly status: string;
  /** Set once a later decision replaced this one. */
  readonly supersededById: string | null;
  readonly varianceReason: string | null;
}

export interface Concordance {
  /** Eligible decisions that placed the person at the recommended level. */
  readonly placedAsRecommended: number;
  /** Approved, non-superseded decisions with a recommendation. */
  readonly eligible: number;
  /** placedAsRecommended ÷ eligible; null when nothing is eligible. */
  readonly share: number | null;
}

/** A decision in effect: approved and not replaced by a later one. */
export function isDecisionInEffect(decision: DecisionRecord): boolean {
  return decision.status === 'approved' && decision.supersededById === null;
}

/** Decisions alike in every field the reports read, and how many of them there are (a database counts them in place). */
export interface DecisionTally {
  readonly decision: DecisionRecord;
  readonly count: number;
}

function oneEach(decisions: readonly DecisionRecord[]): DecisionTally[] {
  return decisions.map((decision) => ({ decision, count: 1 }));
}

/**
 * Concordance as the review-workflow issue defines it: among approved, non-superseded decisions that have a
 * recommendation, the share whose chosen level is the recommended one.
 */
export function concordance(decisions: readonly DecisionRecord[]): Concordance {
  return concordanceOfTallies(oneEach(decisions));
}

export function concordanceOfTallies(tallies: readonly DecisionTally[]): Concordance {
  let eligible = 0;
  let placedAsRecommended = 0;
  for (const { decision, count } of tallies) {
    if (!isDecisionInEffect(decision) || decision.recommendedLevel === null) continue;
    eligible += count;
    if (decision.chosenLevel === decision.recommendedLevel) placedAsRecommended += count;
  }
  return { placedAsRecommended, eligible, share: eligible === 0 ? null : placedAsRecommended / eligible };
}

export interface VarianceBreakdown {
  /** Decisions in effect that depart from the rules: another level than recommended, or no recommendation. */
  readonly variances: number;
  /** Count per variance reason given, most frequent first (ties alphabetical); known reasons are listed even at 0. */
  readonly byReason: readonly { readonly reason: string; readonly count: number }[];
  /** Variances recorded without a reason (older data; the app now requires one). */
  readonly withoutReason: number;
}

/**
 * Why decisions in effect depart from the rules. `knownReasons` (the app's variance reasons) are always listed
 * so a chart keeps its categories; any other reason found in the data is listed too, as given.
 */
export function varianceBreakdown(decisions: readonly DecisionRecord[], knownReasons: readonly string[] = []): VarianceBreakdown {
  return varianceBreakdownOfTallies(oneEach(decisions), knownReasons);
}

export function varianceBreakdownOfTallies(tallies: readonly DecisionTally[], knownReasons: readonly string[] = []): VarianceBreakdown {
  const counts = new Map<string, number>(knownReasons.map((reason) => [reason, 0]));
  let variances = 0;
  let withoutReason = 0;
  for (const { decision, count } of tallies) {
    if (!isDecisionInEffect(decision) || decision.recommendedLevel === decision.chosenLevel) continue;
    variances += count;
    if (decision.varianceReason === null) withoutReason += count;
    else counts.set(decision.varianceReason, (counts.get(decision.varianceReason) ?? 0) + count);
  }
  const byReason = [...counts].map(([reason, count]) => ({ reason, count }));
  byReason.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  return { variances, byReason, withoutReason };
}
