import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../domain/dates';
import { LEVELS, type Level } from '../domain/levels';
import { episodeTable, findOverlaps } from './episodeTable';

/**
 * Episode interchange format, version 1: the JSON shape read by the metrics CLI and written by export.
 * `{ "caseId", "level": "inpatient"|"iop"|"outpatient", "start": "YYYY-MM-DD", "end": "YYYY-MM-DD"|null, "endReason": string|null }`
 */
export const EPISODE_FORMAT_VERSION = 1;

/** One stretch of care at one level; it covers start <= day < end, and an open episode (end null) has no end yet. */
export interface InterchangeEpisode {
  readonly caseId: string;
  readonly level: Level;
  readonly start: IsoDate;
  readonly end: IsoDate | null;
  /** Taken as given: any text (the app writes completed, transferred, dropped-out, died, …) or null. */
  readonly endReason: string | null;
}

export const EPISODE_FIELDS = ['caseId', 'level', 'start', 'end', 'endReason'] as const;
export type EpisodeField = (typeof EPISODE_FIELDS)[number];
/** The field named when an item is not an episode object at all. */
export const WHOLE_EPISODE_FIELD = 'episode';

/** A problem with one field of one item of the input array. */
export interface EpisodeFieldError {
  /** Position of the item in the input array, from 0. */
  readonly index: number;
  readonly field: EpisodeField | typeof WHOLE_EPISODE_FIELD;
  readonly message: string;
}

export type ParsedEpisodes =
  { readonly ok: true; readonly episodes: readonly InterchangeEpisode[] } | { readonly ok: false; readonly errors: readonly EpisodeFieldError[] };

const LEVEL_CHOICES = LEVELS.map((level) => `"${level}"`)
  .reverse()
  .join(', ');

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return `"${input}"`;
  if (typeof input === 'number' || typeof input === 'boolean') return `${typeof input} ${input}`;
  return typeof input === 'object' ? 'an object' : typeof input;
}

/** A JSON number is read as its decimal text (case 7 and case "7" are the same case). */
const caseIdSchema = z.preprocess(
  (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
  z
    .string({
      error: (issue) => (issue.input === undefined ? 'The case id is missing.' : `The case id must be text, not ${describeInput(issue.input)}.`),
    })
    .refine((caseId) => caseId.trim() !== '', 'The case id is empty.'),
);

const levelSchema = z.enum(LEVELS, {
  error: (issue) =>
    issue.input === undefined
      ? `The level is missing; use ${LEVEL_CHOICES}.`
      : `${describeInput(issue.input)} is not a level of care; use ${LEVEL_CHOICES}.`,
});

function dateSchema(label: string, openHint: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `The ${label} is missing.`
          : `The ${label} must be a date written as YYYY-MM-DD${openHint}, not ${describeInput(issue.input)}.`,
    })
    .refine(isIsoDate, { error: (issue) => `The ${label} ${describeInput(issue.input)} is not a real date written as YYYY-MM-DD${openHint}.` });
}

/** `end` and `endReason` may be left out: a missing value reads as null (still open / no reason given). */
const endSchema = dateSchema('end date', ', or null while the episode is open')
  .nullable()
  .optional()
  .transform((end) => end ?? null);

const endReasonSchema = z
  .string({ error: (issue) => `The end reason must be text or null, not ${describeInput(issue.input)}.` })
  .nullable()
  .optional()
  .transform((reason) => reason ?? null);

/**
 * One episode, fields checked one by one. Keys outside the format are ignored (so richer exports still read),
 * except a misspelling of a field that is missing, which `parseEpisodes` reports rather than read as null.
 */
export const interchangeEpisodeFieldsSchema = z.object(
  { caseId: caseIdSchema, level: levelSchema, start: dateSchema('start date', ''), end: endSchema, endReason: endReasonSchema },
  { error: (issue) => `Each item must be an episode object { caseId, level, start, end, endReason }, not ${describeInput(issue.input)}.` },
);

/** One episode, including the check that it does not end before it starts (it may end the day it starts). */
export const interchangeEpisodeSchema = interchangeEpisodeFieldsSchema.superRefine((episode, context) => {
  const message = endBeforeStartMessage(episode);
  if (message !== undefined) context.addIssue({ code: 'custom', path: ['end'], message });
});

/** A whole file: every episode valid and no two episodes of one case overlapping. */
export const interchangeEpisodesSchema = z.array(interchangeEpisodeSchema).superRefine((episodes, context) => {
  for (const error of overlapErrors(episodes)) context.addIssue({ code: 'custom', path: [error.index, error.field], message: error.message });
});

function endBeforeStartMessage(episode: { readonly start: IsoDate; readonly end: IsoDate | null }): string | undefined {
  return episode.end !== null && episode.end < episode.start ? `The end date ${episode.end} is before the start date ${episode.start}.` : undefined;
}

/**
 * Validates parsed JSON against format v1 and reports every problem, each naming the item and field: a field's
 * own type or format, an end before its start, and overlapping episodes of one case.
 */
export function parseEpisodes(items: readonly unknown[]): ParsedEpisodes {
  const errors: EpisodeFieldError[] = [];
  const episodes: InterchangeEpisode[] = [];
  const positions: number[] = [];
  const read = readWellFormedEpisode;
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    // The plain reader takes the common, complete item quickly; anything else goes to the schema, which explains.
    const checked = read(item) ?? checkEpisode(item, index);
    if ('errors' in checked) errors.push(...checked.errors);
    else {
      episodes.push(checked);
      positions.push(index);
    }
  }
  // Overlaps are checked among the otherwise valid items, so one run reports every kind of problem.
  errors.push(...overlapErrors(episodes, positions));
  if (errors.length > 0) return { ok: false, errors: errors.sort(byIndexThenField) };
  return { ok: true, episodes };
}

// Bound once: some module loaders (jiti) reach every imported binding through a proxy, slow in a 400,000-item loop.
const isIsoDateOnce = isIsoDate;

/**
 * A fast path for the usual item: an object with all five fields present and valid (end not before start),
 * read without the schema. It accepts exactly what the schema accepts for such items (a property test holds
 * them together) and returns undefined for everything else, including an omitted end or end reason.
 */
export function readWellFormedEpisode(item: unknown): InterchangeEpisode | undefined {
  const isDate = isIsoDateOnce;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const { caseId, level, start, end, endReason } = item as Record<string, unknown>;
  const id = typeof caseId === 'string' ? caseId : typeof caseId === 'number' && Number.isFinite(caseId) ? String(caseId) : undefined;
  if (id === undefined || id.trim() === '') return undefined;
  if (level !== 'inpatient' && level !== 'iop' && level !== 'outpatient') return undefined;
  if (!isDate(start)) return undefined;
  if (end !== null && !(isDate(end) && end >= start)) return undefined;
  if (endReason !== null && typeof endReason !== 'string') return undefined;
  return { caseId: id, level, start, end, endReason };
}

/** One item through the schema: the episode, or every problem with it. */
function checkEpisode(item: unknown, index: number): InterchangeEpisode | { readonly errors: EpisodeFieldError[] } {
  const parsed = interchangeEpisodeFieldsSchema.safeParse(item);
  const misspelled = misspelledFields(item);
  const errors: EpisodeFieldError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const known = typeof field === 'string' && isEpisodeField(field) ? field : WHOLE_EPISODE_FIELD;
      errors.push({ index, field: known, message: withSpellingHint(issue.message, known, misspelled) });
    }
  }
  for (const [field, key] of misspelled) {
    // A missing end or end reason would silently read as null; a misspelt key for it is an error instead.
    if (field === 'end' || field === 'endReason') errors.push({ index, field, message: spellingMessage(field, key) });
  }
  if (!parsed.success || errors.length > 0) return { errors };
  const endMessage = endBeforeStartMessage(parsed.data);
  return endMessage === undefined ? parsed.data : { errors: [{ index, field: 'end', message: endMessage }] };
}

function isEpisodeField(name: string): name is EpisodeField {
  return (EPISODE_FIELDS as readonly string[]).includes(name);
}

const FIELD_LABELS: Readonly<Record<EpisodeField, string>> = {
  caseId: 'case id',
  level: 'level',
  start: 'start date',
  end: 'end date',
  endReason: 'end reason',
};

function spellingMessage(field: EpisodeField, key: string): string {
  return `The ${FIELD_LABELS[field]} is missing: "${key}" is not a field of an episode (did you mean "${field}"?).`;
}

function withSpellingHint(message: string, field: string, misspelled: ReadonlyMap<EpisodeField, string>): string {
  const key = isEpisodeField(field) ? misspelled.get(field) : undefined;
  return key === undefined ? message : spellingMessage(field as EpisodeField, key);
}

/** Lower-case letters only, so "end_date", "End-Date" and "endDate" compare alike. */
function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z]/g, '');
}

const NORMALIZED_FIELDS = EPISODE_FIELDS.map((field) => [field, normalizeKey(field)] as const).sort((a, b) => b[1].length - a[1].length);

/**
 * Fields that are missing while an unknown key looks like them ("endDate", "end_reason", "case_id"): the
 * unknown key's letters equal the field's or begin with them (longest field first, so "endReason" beats "end").
 */
function misspelledFields(item: unknown): Map<EpisodeField, string> {
  const found = new Map<EpisodeField, string>();
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return found;
  for (const key of Object.keys(item)) {
    if (isEpisodeField(key)) continue;
    const normalized = normalizeKey(key);
    const match = NORMALIZED_FIELDS.find(([, name]) => normalized.startsWith(name));
    if (match !== undefined && !(match[0] in item) && !found.has(match[0])) found.set(match[0], key);
  }
  return found;
}

/**
 * Overlapping episodes of one case (see findOverlaps: half-open [start, end), so a same-day transition is fine,
 * an open episode runs on forever and a zero-length episode overlaps nothing), each reported on the later
 * episode's start. `positions` gives each episode's index in the input (its own position by default).
 */
export function overlapErrors(episodes: readonly InterchangeEpisode[], positions?: readonly number[]): EpisodeFieldError[] {
  const indexOf = (episode: number): number => positions?.[episode] ?? episode;
  return findOverlaps(episodeTable(episodes)).map(({ episode, earlier }) => ({
    index: indexOf(episode),
    field: 'start',
    message: overlapMessage(episodes[episode] as InterchangeEpisode, indexOf(earlier), episodes[earlier] as InterchangeEpisode),
  }));
}

function overlapMessage(episode: InterchangeEpisode, earlierIndex: number, earlier: InterchangeEpisode): string {
  const span = earlier.end === null ? `from ${earlier.start}, still open` : `${earlier.start} to ${earlier.end}`;
  return (
    `The episode starting ${episode.start} overlaps episode ${earlierIndex} of the same case ` +
    `(${earlier.level}, ${span}); episodes of one case may not overlap (one may start the day another ends).`
  );
}

function byIndexThenField(a: EpisodeFieldError, b: EpisodeFieldError): number {
  return a.index - b.index || fieldOrder(a.field) - fieldOrder(b.field);
}

function fieldOrder(field: EpisodeFieldError['field']): number {
  return field === WHOLE_EPISODE_FIELD ? -1 : EPISODE_FIELDS.indexOf(field);
}
