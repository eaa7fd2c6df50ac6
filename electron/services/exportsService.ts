import { stringify } from 'csv-stringify/sync';
import type { AssessmentRecord } from '../../shared/contract/assessments';
import type { CaseSummary, ListCasesQuery } from '../../shared/contract/cases';
import type { DecisionRecord } from '../../shared/contract/decisions';
import { exportKindOf, type ExportFormat, type ExportRecordsRequest } from '../../shared/contract/exports';
import type { ExportKind } from '../../shared/contract/disclosures';
import { ASSESSMENT_CSV_COLUMNS, CASE_CSV_COLUMNS, DECISION_CSV_COLUMNS, EPISODE_CSV_COLUMNS } from '../../shared/domain/csvColumns';
import { csvDocument, type CsvValue } from '../../shared/exports/csvCells';
import { assessmentCsvRecord, caseCsvRecord, decisionCsvRecord, episodeCsvRecord } from '../../shared/exports/csvRows';
import { assessmentExportIds, interchangeAssessment, interchangeEpisode } from '../../shared/exports/interchangeExport';
import { wrapWithNotice } from '../../shared/exports/interchangeFile';
import { parseEpisodes } from '../../shared/metrics/episodeInterchange';
import { assessmentSchemaV1, type Assessment } from '../../shared/rules/assessment';
import { listAssessmentsOfCases } from '../repositories/assessmentsRepository';
import { listCases } from '../repositories/caseloadQuery';
import { listDecisionRecords } from '../repositories/decisionsRepository';
import { listEpisodesOfCases } from '../repositories/episodesRepository';
import { usernamesById } from '../repositories/usersRepository';
import { actorOf } from './actor';
import { caseloadScope } from './caseAccess';
import type { ServiceContext } from './context';

/** What an export reads with: the database, the day, and who asks (their caseload bounds it). */
type ExportContext = Pick<ServiceContext, 'db' | 'clock' | 'actor' | 'sessionId'>;
import { DomainError } from './errors';
import { stepsOf, type ReportProgress, type ReportStep } from './progress';

/** A file ready for the save dialog, and what the audit and disclosure logs record about it. */
export interface PreparedExport {
  readonly kind: ExportKind;
  readonly format: ExportFormat;
  readonly suggestedName: string;
  readonly content: string;
  /** The cases whose records the file holds: one disclosure each when it leaves the clinic. */
  readonly caseIds: readonly string[];
  readonly rows: number;
}

/** As many cases as one export record may name (see exportRecordSchema). */
export const MAX_EXPORT_CASES = 100_000;
const CASE_CHUNK = 500;

const EVERY_CASE: Omit<ListCasesQuery, 'page' | 'pageSize' | 'sortBy' | 'sortDir'> = {
  level: 'all',
  clinician: 'all',
  mismatchOnly: false,
  flag: 'any',
  decisionStatus: 'any',
  search: '',
  includeDischarged: true,
};

const NOTHING_SAVED = 'Nothing was saved.';

const EXPORT_STEPS = ['Finding the cases', 'Reading the records', 'Writing the file'] as const;
const WRITING = 3;

/**
 * The cases an export covers, by MRN: within the user's caseload (a clinician's assigned cases, every case for a
 * supervisor), narrowed by the caseload filters when asked. Cases opened through emergency access are left out:
 * that access is for one person's care, not for bulk copies.
 */
export async function casesInScope(ctx: ExportContext, scope: ExportRecordsRequest['scope']): Promise<CaseSummary[]> {
  const user = actorOf(ctx);
  const caseload = await caseloadScope(ctx);
  const filter = scope.kind === 'all' ? EVERY_CASE : scope.filter;
  const query: ListCasesQuery = { ...filter, page: 1, pageSize: MAX_EXPORT_CASES, sortBy: 'mrn', sortDir: 'asc' };
  const { rows, total } = await listCases(ctx.db, query, user.id, ctx.clock.today(), caseload && { ...caseload, alsoCaseIds: [] });
  if (total > rows.length) {
    throw new DomainError(
      'invalid_input',
      `This selection holds ${total} cases; one export can hold at most ${MAX_EXPORT_CASES}. Narrow the filters. ${NOTHING_SAVED}`,
    );
  }
  return rows;
}

/** Reads the records and writes the file's content; call it inside one read transaction so the file is consistent. */
export async function prepareExport(ctx: ExportContext, request: ExportRecordsRequest, report?: ReportProgress): Promise<PreparedExport> {
  const step = stepsOf(EXPORT_STEPS, report);
  step(1);
  const cases = await casesInScope(ctx, request.scope);
  if (cases.length === 0) {
    throw new DomainError('not_found', `No cases match this selection, so there is nothing to export. ${NOTHING_SAVED}`);
  }
  step(2);
  const content = await datasetContent(ctx, request, cases, step);
  if (content.rows === 0) {
    const what = request.dataset === 'decisions' ? 'placement decisions' : request.dataset;
    const many = cases.length === 1 ? 'the case' : `the ${cases.length} cases`;
    throw new DomainError('not_found', `There are no ${what} for ${many} in this selection, so there is nothing to export. ${NOTHING_SAVED}`);
  }
  return {
    kind: exportKindOf(request.dataset, request.format),
    format: request.format,
    suggestedName: `stepwise-${request.dataset}-${ctx.clock.today()}.${request.format}`,
    ...content,
  };
}

interface Content {
  readonly content: string;
  readonly caseIds: readonly string[];
  readonly rows: number;
}

async function datasetContent(ctx: ExportContext, request: ExportRecordsRequest, cases: readonly CaseSummary[], step: ReportStep): Promise<Content> {
  const mrnOf = new Map(cases.map((summary) => [summary.id, summary.mrn]));
  const caseIds = cases.map((summary) => summary.id);
  switch (request.dataset) {
    case 'cases':
      return casesContent(ctx, cases, step);
    case 'assessments': {
      const assessments = sortByCase(await listAssessmentsOfCases(ctx.db, caseIds), mrnOf, oldestAssessmentFirst);
      step(WRITING);
      return request.format === 'json' ? assessmentsJson(assessments, mrnOf) : assessmentsCsv(assessments, mrnOf);
    }
    case 'decisions':
      return decisionsCsv(ctx, caseIds, mrnOf, step);
    case 'episodes':
      return episodesContent(ctx, caseIds, mrnOf, request.format, step);
  }
}

async function casesContent(ctx: ExportContext, cases: readonly CaseSummary[], step: ReportStep): Promise<Content> {
  const clinicianIds = [...new Set(cases.flatMap((summary) => (summary.clinician ? [summary.clinician.id] : [])))];
  const usernames = await usernamesById(ctx.db, clinicianIds);
  step(WRITING);
  const records = cases.map((summary) => caseCsvRecord(summary, summary.clinician ? (usernames.get(summary.clinician.id) ?? null) : null));
  return { content: csvText(CASE_CSV_COLUMNS, records), caseIds: cases.map((summary) => summary.id), rows: records.length };
}

function exportIdsOf(assessments: readonly AssessmentRecord[], mrnOf: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  return assessmentExportIds(
    assessments.map((record) => ({ id: record.id, mrn: mrnOf.get(record.caseId) ?? '', assessedOn: record.assessedOn, createdAt: record.createdAt })),
  );
}

function assessmentsCsv(assessments: readonly AssessmentRecord[], mrnOf: ReadonlyMap<string, string>): Content {
  const ids = exportIdsOf(assessments, mrnOf);
  const records = assessments.map((record) => assessmentCsvRecord(mrnOf.get(record.caseId) ?? '', record, ids));
  return { content: csvText(ASSESSMENT_CSV_COLUMNS, records), caseIds: casesIn(assessments), rows: records.length };
}

/** Each item is checked with the CLI's own schema first: a file `npm run evaluate` would refuse is not written. */
function assessmentsJson(assessments: readonly AssessmentRecord[], mrnOf: ReadonlyMap<string, string>): Content {
  const ids = exportIdsOf(assessments, mrnOf);
  const items: Assessment[] = assessments.map((record) => {
    const exportId = ids.get(record.id) ?? record.id;
    const checked = assessmentSchemaV1.safeParse(interchangeAssessment(exportId, record.assessment));
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new DomainError(
        'unavailable',
        `The assessment ${exportId} cannot be written in the interchange format (${issue?.path.join('.') || 'assessment'}: ${issue?.message ?? 'invalid'}). ${NOTHING_SAVED}`,
      );
    }
    return checked.data;
  });
  return { content: jsonText(wrapWithNotice('assessments', items)), caseIds: casesIn(assessments), rows: items.length };
}

async function decisionsCsv(ctx: ExportContext, caseIds: readonly string[], mrnOf: ReadonlyMap<string, string>, step: ReportStep): Promise<Content> {
  const decisions: DecisionRecord[] = [];
  for (let start = 0; start < caseIds.length; start += CASE_CHUNK) {
    step(2, start, caseIds.length);
    decisions.push(...(await listDecisionRecords(ctx.db, { caseIds: caseIds.slice(start, start + CASE_CHUNK) })));
  }
  const withDecisions = casesIn(decisions);
  const assessments = await listAssessmentsOfCases(ctx.db, withDecisions);
  const ids = exportIdsOf(assessments, mrnOf);
  const assessmentById = new Map(assessments.map((record) => [record.id, record]));
  const effectiveDateOf = new Map(decisions.map((decision) => [decision.id, decision.effectiveDate]));
  step(WRITING);
  const records = sortByCase(decisions, mrnOf, (a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id)).map((decision) => {
    const assessment = assessmentById.get(decision.assessmentId);
    return decisionCsvRecord(mrnOf.get(decision.caseId) ?? '', decision, {
      assessment: assessment && { exportId: ids.get(assessment.id) ?? '', assessedOn: assessment.assessedOn },
      correctsEffectiveDate: decision.supersedesId === null ? undefined : effectiveDateOf.get(decision.supersedesId),
    });
  });
  return { content: csvText(DECISION_CSV_COLUMNS, records), caseIds: withDecisions, rows: records.length };
}

async function episodesContent(
  ctx: ExportContext,
  caseIds: readonly string[],
  mrnOf: ReadonlyMap<string, string>,
  format: ExportFormat,
  step: ReportStep,
): Promise<Content> {
  const episodes = sortByCase(await listEpisodesOfCases(ctx.db, caseIds), mrnOf, (a, b) => compare(a.startDate, b.startDate));
  const withEpisodes = casesIn(episodes);
  step(WRITING);
  if (format === 'csv') {
    const records = episodes.map((episode) => episodeCsvRecord(mrnOf.get(episode.caseId) ?? '', episode));
    return { content: csvText(EPISODE_CSV_COLUMNS, records), caseIds: withEpisodes, rows: records.length };
  }
  const items = episodes.map((episode) => interchangeEpisode(mrnOf.get(episode.caseId) ?? '', episode));
  // The metrics CLI's own check: a stored history with an overlap or an end before its start is named, not written.
  const parsed = parseEpisodes(items);
  if (!parsed.ok) {
    const [problem] = parsed.errors;
    const mrn = problem ? items[problem.index]?.caseId : undefined;
    throw new DomainError(
      'unavailable',
      `The episodes of MRN ${mrn ?? '?'} cannot be exported: ${problem?.message ?? 'they are not valid'} ${NOTHING_SAVED}`,
    );
  }
  return { content: jsonText(wrapWithNotice('episodes', items)), caseIds: withEpisodes, rows: items.length };
}

/** Every field quoted, CRLF line ends (the shell adds the byte-order mark spreadsheets need to read UTF-8). */
function csvText<C extends string>(columns: readonly C[], records: readonly Readonly<Record<C, CsvValue>>[]): string {
  return stringify(csvDocument(columns, records), { record_delimiter: 'windows', quoted: true });
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function casesIn(records: readonly { readonly caseId: string }[]): string[] {
  return [...new Set(records.map((record) => record.caseId))];
}

/** By the case's MRN (ignoring letter case, as the caseload sorts it), then by the given order within a case. */
function sortByCase<T extends { readonly caseId: string }>(
  records: readonly T[],
  mrnOf: ReadonlyMap<string, string>,
  within: (a: T, b: T) => number,
): T[] {
  const key = (record: T) => (mrnOf.get(record.caseId) ?? '').toLowerCase();
  return [...records].sort((a, b) => compare(key(a), key(b)) || compare(a.caseId, b.caseId) || within(a, b));
}

function oldestAssessmentFirst(a: AssessmentRecord, b: AssessmentRecord): number {
  return compare(a.assessedOn, b.assessedOn) || compare(a.createdAt, b.createdAt) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
