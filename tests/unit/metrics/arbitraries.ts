import fc from 'fast-check';
import { addDays } from '../../../shared/domain/dates';
import type { Level } from '../../../shared/domain/levels';
import type { InterchangeEpisode } from '../../../shared/metrics';

export const levelArb = fc.constantFrom<Level>('inpatient', 'iop', 'outpatient');
export const endReasonArb = fc.constantFrom(
  null,
  'completed',
  'transferred',
  'dropped-out',
  'administrative-discharge',
  'incarcerated',
  'died',
  'other',
  'stepped-down',
  'stepped-up',
  'moved away',
);

/** Starts around the 2024 leap day and the March and October DST changes, so day counts cross both. */
const FIRST_DAY = '2023-10-01';

const stepArb = fc.record({
  level: levelArb,
  // Short gaps and stays so the 0/1/7/8/30/31-day window edges come up often.
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 40 })),
  stay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 60 })),
  endReason: endReasonArb,
});

/** One case's valid history: consecutive episodes, same-day moves, gaps, zero-length stays, maybe still open. */
export const historyArb = (minSteps: number, maxSteps: number) =>
  fc
    .record({
      firstDay: fc.integer({ min: 0, max: 400 }),
      steps: fc.array(stepArb, { minLength: minSteps, maxLength: maxSteps }),
      lastOpen: fc.boolean(),
      // A zero-length episode anywhere, even inside another one: it covers no day, so it overlaps nothing.
      point: fc.option(fc.record({ offset: fc.integer({ min: 0, max: 200 }), level: levelArb, endReason: endReasonArb }), { nil: undefined }),
    })
    .map(({ firstDay, steps, lastOpen, point }) => (caseId: string): InterchangeEpisode[] => {
      const episodes: InterchangeEpisode[] = [];
      let day = firstDay;
      steps.forEach((step, index) => {
        const start = day + step.gap;
        const open = lastOpen && index === steps.length - 1;
        day = start + step.stay;
        episodes.push({
          caseId,
          level: step.level,
          start: addDays(FIRST_DAY, start),
          end: open ? null : addDays(FIRST_DAY, day),
          endReason: open ? null : step.endReason,
        });
      });
      if (point !== undefined) {
        const at = addDays(FIRST_DAY, firstDay + point.offset);
        episodes.push({ caseId, level: point.level, start: at, end: at, endReason: point.endReason });
      }
      return episodes;
    });

/** A valid caseload of several cases, their episodes interleaved in a random order. */
export const caseloadArb = fc
  .array(historyArb(1, 6), { maxLength: 8 })
  .map((histories) => histories.flatMap((history, index) => history(`C${index}`)))
  .chain((episodes) => fc.shuffledSubarray(episodes, { minLength: episodes.length, maxLength: episodes.length }));

/** A few cases with long histories (more episodes than the table sorts by insertion). */
export const longHistoriesArb = fc
  .array(historyArb(25, 45), { minLength: 1, maxLength: 3 })
  .map((histories) => histories.flatMap((history, index) => history(`L${index}`)))
  .chain((episodes) => fc.shuffledSubarray(episodes, { minLength: episodes.length, maxLength: episodes.length }));
