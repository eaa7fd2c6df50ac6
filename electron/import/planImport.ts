import type { ImportSummary } from '../../shared/contract/imports';
import { describeEpisode, episodeProblems, levelOn, type Episode } from '../../shared/domain/episodes';
import type { ImportKind } from '../../shared/import/fields';
import { columnIndexByField, type ColumnTarget, type DateFormat } from '../../shared/import/mapping';
import { readRow, type AssessmentRow, type CaseRow, type EpisodeRow, type RowContext, type RowProblem } from '../../shared/import/rows';
import type { Assessment } from '../../shared/rules/assessment';
import { evaluateAssessment } from '../../shared/rules/evaluate';
import type { NewAssessmentRow } from '../repositories/assessmentsRepository';
import type { NewCaseRow } from '../repositories/casesRepository';
import {
  activeCliniciansByUsername,
  casesByMrn,
  currentAssessmentsByCaseAndDate,
  episodesByCase,
  type ExistingCase,
} from '../repositories/importRepository';
import { EARLIEST_DATE_OF_BIRTH } from '../services/casesService';
import type { ServiceContext } from '../services/context';
import type { CsvRecord } from './csvFile';

export const EXISTING_POLICIES = ['update', 'skip', 'stop'] as const;
export type ExistingPolicy = (typeof EXISTING_POLICIES)[number];

export interface ImportOptions {
  readonly kind: ImportKind;
  readonly headers: readonly string[];
  readonly columns: readonly ColumnTarget[];
  readonly dateFormat: DateFormat;
  readonly existing: ExistingPolicy;
}

export interface CaseUpdate {
  readonly caseId: string;
  readonly patch: Partial<Pick<NewCaseRow, 'full_name' | 'date_of_birth' | 'clinician_id' | 'program' | 'payer' | 'status'>>;
}

/** Everything an import would write, and everything wrong with the file; nothing is written while it is built. */
export interface ImportPlan {
  readonly problems: RowProblem[];
  readonly newCases: NewCaseRow[];
  readonly caseUpdates: CaseUpdate[];
  readonly newAssessments: NewAssessmentRow[];
  readonly newEpisodes: (Episode & { readonly caseId: string })[];
  /** Cases whose derived caseload columns must be recomputed after the write. */
  readonly touchedCaseIds: Set<string>;
  rows: number;
  unchanged: number;
  /** Rows whose MRN (cases) or MRN and date (assessments) already exist with other values. */
  existing: number;
  skipped: number;
}

export interface PlanBuilder {
  add(record: CsvRecord): void;
  finish(): ImportPlan;
}

/** Loads what the rows are checked against (existing cases, clinicians, assessments, episodes) once, then checks rows one by one. */
export async function startPlan(ctx: ServiceContext, options: ImportOptions): Promise<PlanBuilder> {
  const plan: ImportPlan = {
    problems: [],
    newCases: [],
    caseUpdates: [],
    newAssessments: [],
    newEpisodes: [],
    touchedCaseIds: new Set(),
    rows: 0,
    unchanged: 0,
    existing: 0,
    skipped: 0,
  };
  const rowContext: RowContext = {
    kind: options.kind,
    headers: options.headers,
    columnOf: columnIndexByField(options.columns),
    dateFormat: options.dateFormat,
    today: ctx.clock.today(),
  };
  // Problems name the column as the file's header calls it.
  const problem: ProblemAt = (row, key, value, message) => ({
    row,
    column: options.headers[rowContext.columnOf.get(key) ?? -1] ?? key,
    value,
    message,
  });
  const cases = await casesByMrn(ctx.db);
  const check =
    options.kind === 'cases'
      ? await caseChecker(ctx, plan, options, cases, problem)
      : options.kind === 'assessments'
        ? await assessmentChecker(ctx, plan, options, cases, problem)
        : await episodeChecker(ctx, plan, cases, problem);
  return {
    add(record) {
      plan.rows += 1;
      const result = readRow(rowContext, record.row, record.fields);
      if (!result.ok) plan.problems.push(...result.problems);
      else check.row(record.row, result.value);
    },
    finish() {
      check.finish?.();
      return plan;
    },
  };
}

interface RowChecker {
  row(rowNumber: number, value: unknown): void;
  finish?(): void;
}

type ProblemAt = (row: number, key: string, value: string, message: string) => RowProblem;

async function caseChecker(
  ctx: ServiceContext,
  plan: ImportPlan,
  options: ImportOptions,
  cases: Map<string, ExistingCase>,
  problem: ProblemAt,
): Promise<RowChecker> {
  const clinicians = await activeCliniciansByUsername(ctx.db);
  const seen = new Map<string, number>();
  const mapped = new Set(options.columns);
  const now = ctx.clock.now().toISOString();
  return {
    row(rowNumber, value) {
      const row = value as CaseRow;
      const earlier = seen.get(row.mrn);
      if (earlier !== undefined) {
        plan.problems.push(
          problem(rowNumber, 'mrn', row.mrn, `The MRN ${row.mrn} is also on row ${earlier}; a case can appear only once in a file.`),
        );
        return;
      }
      seen.set(row.mrn, rowNumber);
      if (row.dateOfBirth < EARLIEST_DATE_OF_BIRTH) {
        plan.problems.push(problem(rowNumber, 'date_of_birth', row.dateOfBirth, 'The date of birth is before 1900; check the year.'));
        return;
      }
      let clinicianId: string | null = null;
      if (row.clinicianUsername !== null) {
        clinicianId = clinicians.get(row.clinicianUsername.toLowerCase()) ?? null;
        if (clinicianId === null) {
          plan.problems.push(
            problem(rowNumber, 'clinician_username', row.clinicianUsername, `No active clinician has the username “${row.clinicianUsername}”.`),
          );
          return;
        }
      }
      const found = cases.get(row.mrn);
      if (!found) {
        plan.newCases.push({
          id: ctx.newId(),
          mrn: row.mrn,
          full_name: row.fullName,
          date_of_birth: row.dateOfBirth,
          clinician_id: clinicianId,
          program: row.program,
          payer: row.payer,
          status: row.status,
          level: null,
          synthetic: 0,
          created_at: now,
          updated_at: now,
          level_since: null,
          recommended_level: null,
          latest_assessment_id: null,
          decision_status: null,
          planned_level: null,
          planned_on: null,
        });
        return;
      }
      // An empty cell never erases what is stored: a file without a column for it says nothing about it.
      const patch: CaseUpdate['patch'] = {};
      if (row.fullName !== found.fullName) patch.full_name = row.fullName;
      if (row.dateOfBirth !== found.dateOfBirth) patch.date_of_birth = row.dateOfBirth;
      if (clinicianId !== null && clinicianId !== found.clinicianId) patch.clinician_id = clinicianId;
      if (row.program !== null && row.program !== found.program) patch.program = row.program;
      if (row.payer !== null && row.payer !== found.payer) patch.payer = row.payer;
      if (mapped.has('status') && row.status !== found.status) patch.status = row.status;
      if (Object.keys(patch).length === 0) {
        plan.unchanged += 1;
        return;
      }
      plan.existing += 1;
      if (options.existing === 'update') plan.caseUpdates.push({ caseId: found.id, patch });
      else if (options.existing === 'skip') plan.skipped += 1;
    },
  };
}

/** The assessment's answers, without its id or the level read from the episodes, to tell a repeat from a change. */
function answersOf(assessment: Pick<Assessment, 'severity' | 'dimensions' | 'criteria' | 'weeklyTreatmentHours'>): string {
  const sortKeys = (value: object | undefined) => (value ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : {});
  return JSON.stringify([
    assessment.severity ?? null,
    sortKeys(assessment.dimensions),
    sortKeys(assessment.criteria),
    assessment.weeklyTreatmentHours ?? null,
  ]);
}

async function assessmentChecker(
  ctx: ServiceContext,
  plan: ImportPlan,
  options: ImportOptions,
  cases: Map<string, ExistingCase>,
  problem: ProblemAt,
): Promise<RowChecker> {
  const stored = await currentAssessmentsByCaseAndDate(ctx.db);
  const episodes = await episodesByCase(ctx.db);
  const seen = new Map<string, number>();
  const actorId = ctx.actor?.id ?? null;
  const now = ctx.clock.now().toISOString();
  return {
    row(rowNumber, value) {
      const row = value as AssessmentRow;
      const found = cases.get(row.mrn);
      if (!found) {
        plan.problems.push(problem(rowNumber, 'mrn', row.mrn, `No case has the MRN ${row.mrn}. Import the cases first, or check the MRN.`));
        return;
      }
      const key = `${found.id}|${row.assessedOn}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        plan.problems.push(
          problem(
            rowNumber,
            'assessed_on',
            row.assessedOn,
            `Row ${earlier} already holds an assessment of ${row.mrn} on ${row.assessedOn}; one per case and day.`,
          ),
        );
        return;
      }
      seen.set(key, rowNumber);
      if (row.assessedOn < found.dateOfBirth) {
        plan.problems.push(problem(rowNumber, 'assessed_on', row.assessedOn, 'The assessment date is before the date of birth.'));
        return;
      }
      const id = ctx.newId();
      const assessment: Assessment = {
        id,
        assessedOn: row.assessedOn,
        currentLevel: levelOn(episodes.get(found.id) ?? [], row.assessedOn) ?? 'none',
        ...(row.severity ? { severity: row.severity } : {}),
        ...(Object.keys(row.dimensions).length > 0 ? { dimensions: row.dimensions } : {}),
        ...(Object.keys(row.criteria).length > 0 ? { criteria: row.criteria } : {}),
        ...(row.weeklyTreatmentHours !== undefined ? { weeklyTreatmentHours: row.weeklyTreatmentHours } : {}),
      };
      const sameDay = stored.get(key) ?? [];
      const answers = answersOf(assessment);
      if (sameDay.some((existing) => answersOf(JSON.parse(existing.payload) as Assessment) === answers)) {
        plan.unchanged += 1;
        return;
      }
      const amends = sameDay.at(-1);
      if (amends) {
        plan.existing += 1;
        if (options.existing !== 'update') {
          if (options.existing === 'skip') plan.skipped += 1;
          return;
        }
      }
      plan.newAssessments.push({
        id,
        caseId: found.id,
        assessment,
        recommendation: evaluateAssessment(assessment),
        createdAt: now,
        assessorId: actorId,
        note: row.note,
        amendsId: amends?.id ?? null,
      });
      plan.touchedCaseIds.add(found.id);
    },
  };
}

async function episodeChecker(ctx: ServiceContext, plan: ImportPlan, cases: Map<string, ExistingCase>, problem: ProblemAt): Promise<RowChecker> {
  const stored = await episodesByCase(ctx.db);
  const fromFile = new Map<string, { episode: Episode; row: number; mrn: string }[]>();
  const sameEpisode = (a: Episode, b: Episode) =>
    a.level === b.level && a.startDate === b.startDate && a.endDate === b.endDate && a.endReason === b.endReason;
  return {
    row(rowNumber, value) {
      const row = value as EpisodeRow;
      const found = cases.get(row.mrn);
      if (!found) {
        plan.problems.push(problem(rowNumber, 'mrn', row.mrn, `No case has the MRN ${row.mrn}. Import the cases first, or check the MRN.`));
        return;
      }
      const episode: Episode = { id: ctx.newId(), level: row.level, startDate: row.startedOn, endDate: row.endedOn, endReason: row.endReason };
      if (row.startedOn < found.dateOfBirth) {
        plan.problems.push(problem(rowNumber, 'started_on', row.startedOn, 'The start date is before the date of birth.'));
        return;
      }
      if ((stored.get(found.id) ?? []).some((existing) => sameEpisode(existing, episode))) {
        plan.unchanged += 1;
        return;
      }
      const listed = fromFile.get(found.id) ?? [];
      const twin = listed.find((entry) => sameEpisode(entry.episode, episode));
      if (twin) {
        plan.problems.push(
          problem(rowNumber, 'started_on', row.startedOn, `Row ${twin.row} holds the same episode; each episode can appear only once.`),
        );
        return;
      }
      fromFile.set(found.id, [...listed, { episode, row: rowNumber, mrn: row.mrn }]);
    },
    finish() {
      // Overlaps and a second open episode can only be judged with the case's whole history.
      for (const [caseId, entries] of fromFile) {
        const existing = stored.get(caseId) ?? [];
        const all = [...existing, ...entries.map((entry) => entry.episode)].sort((a, b) =>
          a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0,
        );
        let failed = false;
        for (const entry of entries) {
          const others = all.filter((other) => other.id !== entry.episode.id);
          const conflicts = episodeProblems([entry.episode, ...others.filter((other) => overlapsOrBothOpen(entry.episode, other))]);
          if (conflicts.length > 0) {
            failed = true;
            const other = others.find((candidate) => overlapsOrBothOpen(entry.episode, candidate));
            const source = other && existing.includes(other) ? 'already recorded' : 'also in this file';
            plan.problems.push(
              problem(
                entry.row,
                'started_on',
                entry.episode.startDate,
                `This ${describeEpisode(entry.episode)} of ${entry.mrn} conflicts with the ${other ? describeEpisode(other) : 'case history'} (${source}): ${conflicts[0] ?? ''}`,
              ),
            );
          }
        }
        if (failed) continue;
        all.forEach((episode, index) => {
          const previous = index > 0 ? all[index - 1] : undefined;
          if (!entries.some((entry) => entry.episode === episode)) return;
          plan.newEpisodes.push({ ...episode, caseId, followsId: previous && previous.endDate === episode.startDate ? previous.id : null });
        });
        plan.touchedCaseIds.add(caseId);
      }
    },
  };
}

function overlapsOrBothOpen(a: Episode, b: Episode): boolean {
  if (a.endDate === null && b.endDate === null) return true;
  return episodeProblems([a, b]).length > 0;
}

export function summarize(plan: ImportPlan): Omit<ImportSummary, 'problems'> {
  return {
    rows: plan.rows,
    problemCount: plan.problems.length,
    rowsWithProblems: new Set(plan.problems.map((entry) => entry.row)).size,
    create: plan.newCases.length + plan.newAssessments.filter((row) => row.amendsId === null).length + plan.newEpisodes.length,
    update: plan.caseUpdates.length + plan.newAssessments.filter((row) => row.amendsId !== null).length,
    unchanged: plan.unchanged,
    existing: plan.existing,
    skipped: plan.skipped,
  };
}
