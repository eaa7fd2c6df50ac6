import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  interchangeEpisodeSchema,
  interchangeEpisodesSchema,
  parseEpisodes,
  readWellFormedEpisode,
  type EpisodeFieldError,
} from '../../../shared/metrics';
import { caseloadArb, endReasonArb, levelArb } from './arbitraries';
import { episode } from './episodeFactory';

const valid = episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down');

function errorsOf(items: unknown[]): readonly EpisodeFieldError[] {
  const parsed = parseEpisodes(items);
  if (parsed.ok) throw new Error('expected errors');
  return parsed.errors;
}

describe('episode interchange format v1: what is accepted', () => {
  it('accepts episodes as given, open and closed, and returns them in input order', () => {
    const episodes = [valid, episode('A', 'iop', '2026-01-10'), episode('B', 'outpatient', '2026-01-01', '2026-01-01', 'completed')];
    expect(parseEpisodes(episodes)).toEqual({ ok: true, episodes });
  });

  it('accepts an empty array', () => {
    expect(parseEpisodes([])).toEqual({ ok: true, episodes: [] });
  });

  it('reads an omitted end or end reason as null', () => {
    expect(parseEpisodes([{ caseId: 'A', level: 'iop', start: '2026-01-01' }])).toEqual({
      ok: true,
      episodes: [episode('A', 'iop', '2026-01-01')],
    });
    expect(parseEpisodes([{ caseId: 'A', level: 'iop', start: '2026-01-01', end: '2026-01-05' }])).toEqual({
      ok: true,
      episodes: [episode('A', 'iop', '2026-01-01', '2026-01-05', null)],
    });
  });

  it('takes end reasons as given: any text, none for a closed episode, even one on an open episode', () => {
    const episodes = [
      episode('A', 'iop', '2026-01-01', '2026-01-05', 'moved to another state'),
      episode('B', 'iop', '2026-01-01', '2026-01-05', null),
      episode('C', 'iop', '2026-01-01', null, 'completed'),
      episode('D', 'iop', '2026-01-01', '2026-01-05', ''),
    ];
    expect(parseEpisodes(episodes)).toEqual({ ok: true, episodes });
  });

  it('reads a numeric case id as its text, and ignores keys outside the format', () => {
    expect(parseEpisodes([{ caseId: 7, level: 'iop', start: '2026-01-01', end: null, endReason: null, id: 'E-1', program: 'North' }])).toEqual({
      ok: true,
      episodes: [episode('7', 'iop', '2026-01-01')],
    });
  });

  it('accepts a same-day transition, zero-length episodes at and inside other episodes, and other cases on the same days', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode('A', 'iop', '2026-01-10', '2026-01-10', 'stepped-down'), // zero-length, on the boundary
      episode('A', 'outpatient', '2026-01-10'), // starts the day the others end
      episode('A', 'iop', '2026-03-01', '2026-03-01', 'other'), // zero-length inside the open outpatient episode
      episode('B', 'inpatient', '2026-01-01'), // another case, same days
    ];
    expect(parseEpisodes(episodes).ok).toBe(true);
  });
});

describe('episode interchange format v1: field-level errors', () => {
  it.each([
    ['2026-02-30', 'a day that does not exist'],
    ['2025-02-29', '29 February in a common year'],
    ['2026-1-05', 'an unpadded month'],
    ['05/01/2026', 'another date format'],
    ['2026-01-05T10:00:00Z', 'a timestamp'],
    ['', 'an empty string'],
  ])('names the start for a malformed date %s (%s)', (start) => {
    expect(errorsOf([{ ...valid, start }])).toEqual([
      { index: 0, field: 'start', message: `The start date "${start}" is not a real date written as YYYY-MM-DD.` },
    ]);
  });

  it('names the end for a malformed end date, and a number as a date', () => {
    expect(errorsOf([{ ...valid, end: '2026-13-01' }])).toMatchObject([
      { index: 0, field: 'end', message: expect.stringMatching(/"2026-13-01" is not a real date/) as unknown },
    ]);
    expect(errorsOf([{ ...valid, start: 20260101 }])).toMatchObject([
      { index: 0, field: 'start', message: expect.stringMatching(/number 20260101/) as unknown },
    ]);
  });

  it.each(['Inpatient', 'residential', 'IOP', '', 'detox'])('names the level for the unknown level "%s"', (level) => {
    expect(errorsOf([{ ...valid, level }])).toEqual([
      { index: 0, field: 'level', message: `"${level}" is not a level of care; use "inpatient", "iop", "outpatient".` },
    ]);
  });

  it('names the end when the end is before the start, and accepts an end on the start day', () => {
    expect(errorsOf([valid, episode('B', 'iop', '2026-02-01', '2026-01-01', 'completed')])).toEqual([
      { index: 1, field: 'end', message: 'The end date 2026-01-01 is before the start date 2026-02-01.' },
    ]);
    expect(parseEpisodes([episode('B', 'iop', '2026-02-01', '2026-02-01', 'completed')]).ok).toBe(true);
  });

  it.each([
    ['a later episode starting before the earlier one ends', [valid, episode('A', 'iop', '2026-01-09')], 1, 0],
    [
      'an episode starting inside an open one',
      [episode('A', 'iop', '2026-01-01'), episode('A', 'outpatient', '2026-06-01', '2026-06-02', 'completed')],
      1,
      0,
    ],
    ['two open episodes', [episode('A', 'iop', '2026-01-05'), episode('A', 'outpatient', '2026-01-01')], 0, 1],
    [
      'an episode nested inside another',
      [episode('A', 'iop', '2026-01-01', '2026-03-01', 'completed'), episode('A', 'outpatient', '2026-02-01', '2026-02-02', 'x')],
      1,
      0,
    ],
    [
      'two episodes starting the same day',
      [episode('A', 'iop', '2026-01-01', '2026-01-03', 'x'), episode('A', 'inpatient', '2026-01-01', '2026-01-02', 'x')],
      0,
      1,
    ],
  ])('names the start of the later episode for %s', (_, items, index, other) => {
    const errors = errorsOf(items);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      index,
      field: 'start',
      message: expect.stringContaining(`overlaps episode ${other} of the same case`) as unknown,
    });
  });

  it('reports each overlapping episode once, against the earlier episode that reaches furthest', () => {
    const items = [
      episode('A', 'inpatient', '2026-01-01', '2026-02-01', 'x'),
      episode('A', 'iop', '2026-01-05', '2026-01-06', 'x'),
      episode('A', 'outpatient', '2026-01-20', '2026-03-01', 'x'),
    ];
    expect(errorsOf(items).map(({ index, message }) => [index, /episode (\d+)/.exec(message)?.[1]])).toEqual([
      [1, '0'],
      [2, '0'],
    ]);
  });

  it('names the missing or mistyped fields, and the whole item when it is not an object', () => {
    expect(errorsOf([{ level: 'iop', start: '2026-01-01', end: null, endReason: null }])).toEqual([
      { index: 0, field: 'caseId', message: 'The case id is missing.' },
    ]);
    expect(errorsOf([{ ...valid, caseId: '  ' }])).toEqual([{ index: 0, field: 'caseId', message: 'The case id is empty.' }]);
    expect(errorsOf([{ ...valid, caseId: true }])).toMatchObject([{ index: 0, field: 'caseId' }]);
    expect(errorsOf([{ ...valid, endReason: 3 }])).toEqual([
      { index: 0, field: 'endReason', message: 'The end reason must be text or null, not number 3.' },
    ]);
    expect(errorsOf([{ caseId: 'A', start: '2026-01-01' }])).toMatchObject([
      { index: 0, field: 'level', message: expect.stringMatching(/^The level is missing/) as unknown },
    ]);
    expect(errorsOf(['A', null, [valid]])).toMatchObject([
      { index: 0, field: 'episode' },
      { index: 1, field: 'episode' },
      { index: 2, field: 'episode' },
    ]);
  });

  it('reports a misspelt key for a missing field instead of reading the field as null', () => {
    expect(errorsOf([{ caseId: 'A', level: 'iop', start: '2026-01-01', endDate: '2026-01-05', endReason: 'completed' }])).toEqual([
      { index: 0, field: 'end', message: 'The end date is missing: "endDate" is not a field of an episode (did you mean "end"?).' },
    ]);
    expect(errorsOf([{ caseId: 'A', level: 'iop', start: '2026-01-01', end: '2026-01-05', end_reason: 'completed' }])).toMatchObject([
      { index: 0, field: 'endReason', message: expect.stringContaining('"end_reason"') as unknown },
    ]);
    expect(errorsOf([{ case_id: 'A', level: 'iop', start: '2026-01-01', end: null, endReason: null }])).toMatchObject([
      { index: 0, field: 'caseId', message: expect.stringContaining('"case_id"') as unknown },
    ]);
  });

  it('reports every problem of every item in one run, ordered by item and field, overlaps among the valid items too', () => {
    const items = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'x'),
      { caseId: 'B', level: 'rehab', start: '2026-02-30', end: null, endReason: null },
      episode('A', 'iop', '2026-01-05'),
    ];
    expect(errorsOf(items).map(({ index, field }) => [index, field])).toEqual([
      [1, 'level'],
      [1, 'start'],
      [2, 'start'],
    ]);
  });
});

describe('the zod schemas and the fast reader agree', () => {
  it('accepts through the array schema what parseEpisodes accepts, and rejects overlaps with the path of the field', () => {
    fc.assert(
      fc.property(caseloadArb, (episodes) => {
        expect(interchangeEpisodesSchema.safeParse(episodes).success).toBe(true);
      }),
    );
    const overlap = interchangeEpisodesSchema.safeParse([valid, episode('A', 'iop', '2026-01-09')]);
    expect(overlap.success).toBe(false);
    expect(overlap.error?.issues.map((issue) => issue.path)).toEqual([[1, 'start']]);
    expect(interchangeEpisodeSchema.safeParse(episode('A', 'iop', '2026-02-01', '2026-01-01', 'x')).error?.issues[0]?.path).toEqual(['end']);
  });

  const fieldValue = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constantFrom('2026-01-01', '2026-01-05', '2024-02-29', '2025-02-29', 'A', '', ' ', 'inpatient', 'iop', 'outpatient', 'IOP'),
    fc.integer({ min: -3, max: 20_260_101 }),
    fc.double(),
    fc.boolean(),
    fc.string({ maxLength: 4 }),
  );
  const itemArb = fc.oneof(
    fc.record(
      {
        caseId: fieldValue,
        level: fc.oneof(levelArb, fieldValue),
        start: fieldValue,
        end: fieldValue,
        endReason: fc.oneof(endReasonArb, fieldValue),
      },
      { requiredKeys: [] },
    ),
    fieldValue,
  );

  it('accepts with the fast reader exactly the complete items the schema accepts, with the same result', () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const fast = readWellFormedEpisode(item);
        const schema = interchangeEpisodeSchema.safeParse(item);
        const complete =
          typeof item === 'object' && item !== null && 'end' in item && 'endReason' in item && item.end !== undefined && item.endReason !== undefined;
        if (fast !== undefined) expect(schema).toMatchObject({ success: true, data: fast });
        else if (complete) expect(schema.success).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects in parseEpisodes exactly the items the per-item schema rejects, plus overlaps', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 6 }), (items) => {
        const parsed = parseEpisodes(items);
        const perItem = items.map((item) => interchangeEpisodeSchema.safeParse(item));
        const rejected = perItem.flatMap((result, index) => (result.success ? [] : [index]));
        if (parsed.ok) {
          expect(rejected).toEqual([]);
          expect(parsed.episodes).toEqual(perItem.map((result) => result.data));
          return;
        }
        const nonOverlap = parsed.errors.filter((error) => !error.message.includes('overlaps episode'));
        expect([...new Set(nonOverlap.map((error) => error.index))]).toEqual(rejected);
      }),
    );
  });
});
