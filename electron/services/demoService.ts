import type { DemoStatus } from '../../shared/contract/app';
import type { VarianceReason } from '../../shared/domain/variance';
import { evaluateAssessment } from '../../shared/rules/evaluate';
import { generateSyntheticAssessments, generateSyntheticCaseload } from '../../shared/synthetic/caseload';
import { DEMO_CASELOAD_SIZE, DEMO_SEED } from '../../shared/synthetic/demo';
import { syntheticCareHistory, type SyntheticCareHistory } from '../../shared/synthetic/careHistory';
import { seededRandom } from '../../shared/synthetic/random';
import { insertAssessments, type NewAssessmentRow } from '../repositories/assessmentsRepository';
import { countCases, insertCases, type NewCaseRow } from '../repositories/casesRepository';
import { insertDecision } from '../repositories/decisionsRepository';
import { insertUser, syntheticUserRow } from '../repositories/usersRepository';
import { actorOf } from './actor';
import { refreshCaseState } from './caseState';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

const DEMO_CLINICIANS = ['Demo clinician Robin Hale', 'Demo clinician Sasha Ortiz', 'Demo clinician Jun Park'] as const;
const DEMO_VARIANCES: readonly (readonly [VarianceReason, string])[] = [
  ['patient-preference', 'Prefers to stay at the current level for now; agreed to review in two weeks.'],
  ['no-bed-or-slot', 'No residential bed until next month; weekly check-ins meanwhile.'],
  ['payer-authorization', 'Payer authorized the current level only; appeal filed.'],
];

export async function demoStatus(ctx: ServiceContext): Promise<DemoStatus> {
  const counts = await countCases(ctx.db);
  return { totalCases: counts.total, syntheticCases: counts.synthetic };
}

/**
 * Fills an empty database with the labelled synthetic caseload: demo clinicians (who cannot sign in),
 * cases with their current episode, one assessment each, and some decisions awaiting review.
 */
export async function loadDemoCaseload(ctx: ServiceContext): Promise<{ created: number }> {
  const actor = actorOf(ctx);
  const counts = await countCases(ctx.db);
  if (counts.total > 0) {
    throw new DomainError(
      'conflict',
      `The demo caseload can only be loaded into an empty database, and this one already holds ${counts.total} case${counts.total === 1 ? '' : 's'}.`,
    );
  }
  const now = ctx.clock.now();
  const nowText = now.toISOString();
  const today = ctx.clock.today();
  const clinicianIds: string[] = [];
  for (const name of DEMO_CLINICIANS) {
    const id = ctx.newId();
    clinicianIds.push(id);
    await insertUser(
      ctx.db,
      syntheticUserRow({ id, username: `demo-${name.split(' ').at(-1)?.toLowerCase() ?? id}`, displayName: name, active: false }, nowText),
      ['clinician'],
    );
  }
  if (actor.roles.includes('clinician')) clinicianIds.push(actor.id);

  const options = { seed: DEMO_SEED, count: DEMO_CASELOAD_SIZE, today };
  const synthetic = generateSyntheticCaseload(options);
  const assessments = generateSyntheticAssessments(synthetic, options);
  const random = seededRandom(DEMO_SEED + 2);
  const histories = seededRandom(DEMO_SEED + 3);
  const caseRows: NewCaseRow[] = [];
  const assessmentRows: NewAssessmentRow[] = [];
  const careRows: { caseId: string; clinicianId: string | null; payer: string | null; history: SyntheticCareHistory }[] = [];
  synthetic.forEach((item, index) => {
    const caseId = ctx.newId();
    const clinicianId = clinicianIds[index % clinicianIds.length] ?? null;
    const opened = new Date(now.getTime() - item.openedDaysAgo * 86_400_000).toISOString();
    const payer = random.pick(['Demo Medicaid plan', 'Demo commercial plan', 'Self-pay', null]);
    const history = item.level === null ? null : syntheticCareHistory(histories, item.level, item.openedDaysAgo, today);
    caseRows.push({
      id: caseId,
      mrn: item.mrn,
      full_name: item.fullName,
      date_of_birth: item.dateOfBirth,
      level: null,
      status: history?.discharged ? 'discharged' : 'active',
      program: item.program,
      payer,
      synthetic: 1,
      clinician_id: clinicianId,
      level_since: null,
      recommended_level: null,
      latest_assessment_id: null,
      decision_status: null,
      planned_level: null,
      planned_on: null,
      created_at: opened,
      updated_at: opened,
    });
    if (history) careRows.push({ caseId, clinicianId, payer, history });
    const generated = assessments[index];
    const currentStart = history?.episodes.at(-1)?.startDate;
    // The assessment was made during the current episode, so its "current level" matches the history.
    const assessment = generated && currentStart && generated.assessedOn < currentStart ? { ...generated, assessedOn: currentStart } : generated;
    if (assessment) {
      assessmentRows.push({
        id: ctx.newId(),
        caseId,
        assessment,
        recommendation: evaluateAssessment(assessment),
        createdAt: nowText,
        assessorId: clinicianId,
        note: null,
        amendsId: null,
      });
    }
  });
  await insertCases(ctx.db, caseRows);
  for (const row of careRows) await insertDemoCareHistory(ctx, row, nowText);
  await insertAssessments(ctx.db, assessmentRows);
  const discharged = new Set(careRows.filter((row) => row.history.discharged).map((row) => row.caseId));
  await submitSomeDemoDecisions(
    ctx,
    assessmentRows.filter((row) => !discharged.has(row.caseId)),
    caseRows,
    random,
    nowText,
    today,
  );
  for (const row of caseRows) await refreshCaseState(ctx, row.id);
  return { created: caseRows.length };
}

/** Episodes (linked where one level followed another), IOP attendance and a payer authorization. */
async function insertDemoCareHistory(
  ctx: ServiceContext,
  row: { caseId: string; clinicianId: string | null; payer: string | null; history: SyntheticCareHistory },
  now: string,
): Promise<void> {
  let previous: { id: string; endDate: string | null } | null = null;
  for (const episode of row.history.episodes) {
    const id = ctx.newId();
    const follows = previous && previous.endDate === episode.startDate ? previous.id : null;
    await ctx.db
      .insertInto('episodes')
      .values({
        id,
        case_id: row.caseId,
        level: episode.level,
        start_date: episode.startDate,
        end_date: episode.endDate,
        end_reason: episode.endReason,
        opened_by_decision_id: null,
        follows_episode_id: follows,
        created_at: now,
        updated_at: now,
      })
      .execute();
    previous = { id, endDate: episode.endDate };
  }
  const recorder = row.clinicianId ?? actorOf(ctx).id;
  for (const session of row.history.attendance) {
    await ctx.db
      .insertInto('attendance')
      .values({
        id: ctx.newId(),
        case_id: row.caseId,
        session_date: session.sessionDate,
        hours: session.hours,
        recorded_by: recorder,
        recorded_at: now,
      })
      .execute();
  }
  const authorization = row.history.authorization;
  if (authorization) {
    await ctx.db
      .insertInto('authorizations')
      .values({
        id: ctx.newId(),
        case_id: row.caseId,
        payer: row.payer ?? 'Demo Medicaid plan',
        level: authorization.level,
        from_date: authorization.fromDate,
        to_date: authorization.toDate,
        units: authorization.units,
        recorded_by: recorder,
        recorded_at: now,
        updated_at: now,
      })
      .execute();
  }
}

/** A quarter of the cases whose recommendation differs from their level get a decision awaiting review. */
async function submitSomeDemoDecisions(
  ctx: ServiceContext,
  assessments: readonly NewAssessmentRow[],
  cases: readonly NewCaseRow[],
  random: ReturnType<typeof seededRandom>,
  now: string,
  today: string,
): Promise<void> {
  const authorOf = new Map(cases.map((row) => [row.id, row.clinician_id]));
  for (const item of assessments) {
    const recommended = item.recommendation.level;
    const author = authorOf.get(item.caseId);
    if (recommended === null || !author || item.assessment.currentLevel === recommended || !random.chance(0.5)) continue;
    const current = item.assessment.currentLevel;
    const departs = current !== 'none' && random.chance(0.35);
    const [reason, text] = departs ? random.pick(DEMO_VARIANCES) : [null, null];
    await insertDecision(ctx.db, {
      id: ctx.newId(),
      case_id: item.caseId,
      assessment_id: item.id,
      recommended_level: recommended,
      ruleset_version: item.recommendation.rulesetVersion,
      chosen_level: departs ? current : recommended,
      effective_date: today,
      status: 'submitted',
      variance_reason: reason,
      variance_text: text,
      author_id: author,
      reviewer_id: null,
      review_comment: null,
      supersedes_id: null,
      superseded_by_id: null,
      applied_at: null,
      apply_problem: null,
      created_at: now,
      updated_at: now,
      submitted_at: now,
      reviewed_at: null,
    });
  }
}
