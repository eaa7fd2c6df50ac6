import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates';
import { census, censusOverTime, computeMetrics, parseEpisodes, transitionCounts, type InterchangeEpisode } from '../../../shared/metrics';
import { caseloadArb, longHistoriesArb } from './arbitraries';
import { referenceMetrics } from './reference';

const shuffledArb = caseloadArb.chain((episodes) =>
  fc.tuple(fc.constant(episodes), fc.shuffledSubarray(episodes, { minLength: episodes.length, maxLength: episodes.length })),
);

function allRatios(metrics: ReturnType<typeof computeMetrics>): (number | null)[] {
  return [
    metrics.continuityAfterInpatient.within7,
    metrics.continuityAfterInpatient.within30,
    metrics.returnToHigherWithin30.rate,
    ...Object.values(metrics.dropoutRate),
  ];
}

describe('metric properties over generated caseloads', () => {
  it('generates only valid caseloads (so every property below runs on input the CLI accepts)', () => {
    fc.assert(
      fc.property(caseloadArb, (episodes) => {
        expect(parseEpisodes(episodes)).toEqual({ ok: true, episodes });
      }),
    );
  });

  it('agrees with a literal, pairwise implementation of the definitions', () => {
    fc.assert(
      fc.property(caseloadArb, (episodes) => {
        const metrics = computeMetrics(episodes);
        const reference = referenceMetrics(episodes);
        expect(metrics.transitions).toEqual(reference.transitions);
        expect(metrics.lengthOfStay).toEqual(reference.lengthOfStay);
        expect(metrics.continuityAfterInpatient).toEqual(reference.continuityAfterInpatient);
        expect(metrics.returnToHigherWithin30).toEqual(reference.returnToHigherWithin30);
        expect(metrics.dropoutRate).toEqual(reference.dropoutRate);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the literal implementation on long histories too', () => {
    fc.assert(
      fc.property(longHistoriesArb, (episodes) => {
        expect(computeMetrics(episodes)).toEqual(referenceMetrics(episodes));
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic: the same input gives the same JSON', () => {
    fc.assert(
      fc.property(caseloadArb, (episodes) => {
        expect(JSON.stringify(computeMetrics(episodes))).toBe(JSON.stringify(computeMetrics(episodes.map((e) => ({ ...e })))));
      }),
    );
  });

  it('does not depend on the order of the input array', () => {
    fc.assert(
      fc.property(shuffledArb, ([episodes, shuffled]) => {
        expect(JSON.stringify(computeMetrics(shuffled))).toBe(JSON.stringify(computeMetrics(episodes)));
      }),
    );
  });

  it('counts sum over cases of (episodes − 1) plus closed last episodes transitions', () => {
    fc.assert(
      fc.property(caseloadArb, (episodes) => {
        const cases = new Map<string, InterchangeEpisode[]>();
        for (const episode of episodes) cases.set(episode.caseId, [...(cases.get(episode.caseId) ?? []), episode]);
        let expected = 0;
        for (const list of cases.values()) {
          const last = [...list].sort((a, b) => a.start.localeCompare(b.start) || (a.end ?? '9999').localeCompare(b.end ?? '9999')).at(-1);
          expected += list.length - 1 + (last?.end === null ? 0 : 1);
        }
        const total = Object.values(transitionCounts(episodes)).reduce((sum, count) => sum + count, 0);
        expect(total).toBe(expected);
      }),
    );
  });

  it('gives ratios between 0 and 1 or null, and JSON-safe numbers only', () => {
    fc.assert(
      fc.property(caseloadArb, (episodes) => {
        const metrics = computeMetrics(episodes);
        for (const ratio of allRatios(metrics)) if (ratio !== null) expect(ratio >= 0 && ratio <= 1).toBe(true);
        expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
      }),
    );
  });

  it('never gives a negative census, and the census over time matches the census of each day', () => {
    fc.assert(
      fc.property(caseloadArb, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 60 }), (episodes, offset, length) => {
        const from = addDays('2023-10-01', offset);
        const to = addDays(from, length);
        const series = censusOverTime(episodes, from, to);
        expect(series).toHaveLength(length + 1);
        series.forEach((day, index) => {
          expect(day.day).toBe(addDays(from, index));
          expect(day.inpatient).toBeGreaterThanOrEqual(0);
          expect(day.iop).toBeGreaterThanOrEqual(0);
          expect(day.outpatient).toBeGreaterThanOrEqual(0);
          expect(day).toEqual({ day: day.day, ...census(episodes, day.day) });
        });
      }),
    );
  });

  it('counts each case at most once per day in the census, since a valid case has no overlapping episodes', () => {
    fc.assert(
      fc.property(caseloadArb, fc.integer({ min: 0, max: 600 }), (episodes, offset) => {
        const day = addDays('2023-10-01', offset);
        const total = Object.values(census(episodes, day)).reduce((sum, count) => sum + count, 0);
        expect(total).toBeLessThanOrEqual(new Set(episodes.map((episode) => episode.caseId)).size);
      }),
    );
  });
});
