import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, daysBetween } from '../../../shared/domain/dates';
import { levelRank, LEVELS } from '../../../shared/domain/levels';
import {
  censusOverTime,
  computeMetrics,
  concordance,
  concordanceOfTallies,
  EpisodeTableBuilder,
  metricReason,
  stayRange,
  varianceBreakdown,
  varianceBreakdownOfTallies,
  type DecisionRecord,
  type DecisionTally,
  type InterchangeEpisode,
} from '../../../shared/metrics';
import { caseloadArb, longHistoriesArb } from './arbitraries';

/** The episodes as a database reader hands them over: numbers, cases keyed by integers of any spread. */
function built(episodes: readonly InterchangeEpisode[], keyOf: (caseIndex: number) => number): ReturnType<EpisodeTableBuilder['build']> {
  const builder = new EpisodeTableBuilder();
  const caseIndex = new Map<string, number>();
  for (const episode of episodes) {
    if (!caseIndex.has(episode.caseId)) caseIndex.set(episode.caseId, caseIndex.size);
    builder.add(
      keyOf(caseIndex.get(episode.caseId) as number),
      levelRank(episode.level),
      dayNumber(episode.start),
      episode.end === null ? null : dayNumber(episode.end),
      metricReason(episode.endReason),
    );
  }
  expect(builder.count).toBe(episodes.length);
  return builder.build();
}

const KEYS: [string, (caseIndex: number) => number][] = [
  ['small case numbers', (caseIndex) => 3 * caseIndex + 1],
  ['case numbers spread far wider than the episodes', (caseIndex) => 1_000_000 + 7_919 * caseIndex],
  ['negative keys', (caseIndex) => -caseIndex - 1],
];

describe('an episode table built from numbers', () => {
  it.each(KEYS)('gives exactly the metrics of the same episodes as objects (%s)', (_name, keyOf) => {
    fc.assert(
      fc.property(fc.oneof(caseloadArb, longHistoriesArb), (episodes) => {
        const table = built(episodes, keyOf);
        expect(table.count).toBe(episodes.length);
        expect(table.caseCount).toBe(new Set(episodes.map((episode) => episode.caseId)).size);
        expect(computeMetrics(table)).toEqual(computeMetrics(episodes));
        expect(censusOverTime(table, '2023-10-01', '2025-06-30')).toEqual(censusOverTime(episodes, '2023-10-01', '2025-06-30'));
      }),
      { numRuns: 150 },
    );
  });

  it('grows past its first capacity', () => {
    const builder = new EpisodeTableBuilder();
    for (let index = 0; index < 5000; index += 1) builder.add(index % 700, index % 3, index, index % 5 === 0 ? null : index + 2, 0);
    const table = builder.build();
    expect(table).toMatchObject({ count: 5000, caseCount: 700 });
    expect(Array.from(table.start.subarray(4990))).toEqual([4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
  });
});

describe('stayRange', () => {
  it('gives the shortest and longest closed stay of each level that has one', () => {
    fc.assert(
      fc.property(caseloadArb, (episodes) => {
        const expected: Record<string, { min: number; max: number }> = {};
        for (const level of LEVELS) {
          const stays = episodes
            .filter((episode) => episode.level === level && episode.end !== null)
            .map((episode) => daysBetween(episode.start, episode.end ?? ''));
          if (stays.length > 0) expected[level] = { min: Math.min(...stays), max: Math.max(...stays) };
        }
        expect(stayRange(episodes)).toEqual(expected);
      }),
    );
  });
});

const decisionArb: fc.Arbitrary<DecisionRecord> = fc.record({
  recommendedLevel: fc.constantFrom(null, ...LEVELS),
  chosenLevel: fc.constantFrom(...LEVELS),
  status: fc.constantFrom('draft', 'submitted', 'approved', 'returned', 'withdrawn'),
  supersededById: fc.constantFrom(null, 'D-1'),
  varianceReason: fc.constantFrom(null, 'patient-preference', 'no-bed-or-slot', 'as given'),
});

/** Decisions alike in every field counted once, as the database's GROUP BY gives them. */
function tallied(decisions: readonly DecisionRecord[]): DecisionTally[] {
  const tallies = new Map<string, DecisionTally>();
  for (const decision of decisions) {
    const key = JSON.stringify(decision);
    tallies.set(key, { decision, count: (tallies.get(key)?.count ?? 0) + 1 });
  }
  return [...tallies.values()];
}

describe('concordance and variances from tallies', () => {
  it('equal the same figures over the decisions one by one', () => {
    fc.assert(
      fc.property(fc.array(decisionArb, { maxLength: 60 }), (decisions) => {
        const tallies = tallied(decisions);
        expect(concordanceOfTallies(tallies)).toEqual(concordance(decisions));
        expect(varianceBreakdownOfTallies(tallies, ['clinical-judgement'])).toEqual(varianceBreakdown(decisions, ['clinical-judgement']));
      }),
    );
  });
});
