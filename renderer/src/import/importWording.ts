import type { ExistingChoice, ImportFile, ImportProgress, ImportResult } from '../../../shared/contract/imports';
import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../../shared/import/fields';

const numberFormat = new Intl.NumberFormat();

/** "1,204" in the person's locale. */
export function formatCount(count: number): string {
  return numberFormat.format(count);
}

/** "1 case", "1,204 cases". */
export function countOf(count: number, singular: string, plural: string): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return countOf(bytes, 'byte', 'bytes');
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${units[unit] ?? 'GB'}`;
}

interface KindWords {
  readonly one: string;
  readonly many: string;
  /** What happens to a record that already exists when the person chooses "update". */
  readonly updateVerb: string;
  readonly holds: string;
}

export const KIND_WORDS: Readonly<Record<ImportKind, KindWords>> = {
  cases: { one: 'new case', many: 'new cases', updateVerb: 'update', holds: 'One row per patient.' },
  assessments: {
    one: 'new assessment',
    many: 'new assessments',
    updateVerb: 'amend',
    holds: 'One row per assessment; the cases must be in Stepwise.',
  },
  episodes: {
    one: 'new episode of care',
    many: 'new episodes of care',
    updateVerb: 'update',
    holds: 'One row per stay at a level of care; the cases must be in Stepwise.',
  },
  'teds-d': {
    one: 'new TEDS-D record',
    many: 'new TEDS-D records',
    updateVerb: 'update',
    holds:
      'The SAMHSA public-use columns, coded (CASEID, SERVICES, …) or labelled; only the columns the review uses are kept; no dates, no links between records. For the retrospective review, not the caseload.',
  },
};

const RECORD_NOUN: Readonly<Record<ImportKind, readonly [string, string]>> = {
  cases: ['case', 'cases'],
  assessments: ['assessment', 'assessments'],
  episodes: ['episode of care', 'episodes of care'],
  'teds-d': ['TEDS-D record', 'TEDS-D records'],
};

export function recordsOf(kind: ImportKind, count: number): string {
  const [one, many] = RECORD_NOUN[kind];
  return countOf(count, one, many);
}

export function fieldsOf(kind: ImportKind): { readonly required: readonly ImportField[]; readonly optional: readonly ImportField[] } {
  return { required: IMPORT_FIELDS[kind].filter((field) => field.required), optional: IMPORT_FIELDS[kind].filter((field) => !field.required) };
}

export const DELIMITER_LABELS: Readonly<Record<ImportFile['delimiter'], string>> = {
  comma: 'comma-separated',
  semicolon: 'semicolon-separated',
  tab: 'tab-separated',
};

/**
 * What each answer to "records that already exist" does, for the kinds that offer the choice: an episode is never
 * changed by an import, and a TEDS-D file becomes a dataset of its own, so neither has a record to update.
 */
export function existingChoiceWords(
  kind: Exclude<ImportKind, 'episodes' | 'teds-d'>,
): Readonly<Record<ExistingChoice, { readonly label: string; readonly detail: string }>> {
  if (kind === 'assessments') {
    return {
      update: {
        label: 'Amend them',
        detail: 'An assessment of the same case on the same date with other answers is amended; the earlier version stays in the case history.',
      },
      skip: { label: 'Skip them', detail: 'Assessments already in Stepwise for that case and date are left as they are; only new ones are added.' },
      stop: { label: 'Stop the import', detail: 'If any row would amend an assessment already in Stepwise, nothing is imported.' },
    };
  }
  return {
    update: {
      label: 'Update them',
      detail: 'A case whose MRN is already in Stepwise takes the values in the file. An empty cell never erases what is stored.',
    },
    skip: { label: 'Skip them', detail: 'Cases whose MRN is already in Stepwise are left as they are; only new MRNs are added.' },
    stop: { label: 'Stop the import', detail: 'If any row would change a case already in Stepwise, nothing is imported.' },
  };
}

export interface CountsLike {
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
  readonly skipped: number;
}

/** "1,204 new cases, 12 to update, 3 already up to date, 0 skipped". */
export function countsSentence(kind: ImportKind, counts: CountsLike): string {
  const words = KIND_WORDS[kind];
  const parts = [countOf(counts.create, words.one, words.many)];
  if ((kind !== 'episodes' && kind !== 'teds-d') || counts.update > 0) parts.push(`${formatCount(counts.update)} to ${words.updateVerb}`);
  parts.push(`${formatCount(counts.unchanged)} already up to date`, `${formatCount(counts.skipped)} skipped`);
  return parts.join(', ');
}

/** "Import 1,204 new cases and update 12 existing cases from cases-2026.csv?" */
export function confirmQuestion(kind: ImportKind, counts: CountsLike, fileName: string): string {
  const actions: string[] = [];
  if (counts.create > 0) actions.push(`import ${countOf(counts.create, KIND_WORDS[kind].one, KIND_WORDS[kind].many)}`);
  if (counts.update > 0) {
    const [one, many] = RECORD_NOUN[kind];
    actions.push(`${KIND_WORDS[kind].updateVerb} ${countOf(counts.update, `existing ${one}`, `existing ${many}`)}`);
  }
  const sentence = actions.join(' and ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} from ${fileName}?`;
}

export function resultSentence(kind: ImportKind, result: ImportResult): string {
  const [one, many] = RECORD_NOUN[kind];
  const done = [`${countOf(result.create, `${one} added`, `${many} added`)}`];
  if (result.update > 0) done.push(`${formatCount(result.update)} ${kind === 'assessments' ? 'amended' : 'updated'}`);
  if (result.unchanged > 0) done.push(`${formatCount(result.unchanged)} already up to date`);
  if (result.skipped > 0) done.push(`${formatCount(result.skipped)} skipped`);
  return `${done.join(', ')}, from ${countOf(result.rows, 'row', 'rows')}.`;
}

/**
 * The share done, 0–100, and what the bar's label says; null percent while the size is not yet known. An import
 * reads every row again before it writes, so it names its two steps.
 */
export function progressOf(progress: ImportProgress | null, action: 'check' | 'commit'): { readonly percent: number | null; readonly label: string } {
  const reading = action === 'check' ? 'Checking' : 'Step 1 of 2, checking the rows again';
  if (!progress || progress.phase === 'idle') return { percent: null, label: `${reading}: opening the file…` };
  if (progress.phase === 'writing') {
    const percent = progress.toWrite === 0 ? 100 : Math.floor((progress.written / progress.toWrite) * 100);
    return { percent, label: `Step 2 of 2, writing: ${formatCount(progress.written)} of ${formatCount(progress.toWrite)} records saved` };
  }
  const percent = progress.totalBytes === 0 ? null : Math.floor((progress.bytesRead / progress.totalBytes) * 100);
  const size = progress.totalBytes > 0 ? ` (${formatBytes(progress.bytesRead)} of ${formatBytes(progress.totalBytes)})` : '';
  return { percent, label: `${reading}: ${countOf(progress.rows, 'row', 'rows')} read${size}` };
}
