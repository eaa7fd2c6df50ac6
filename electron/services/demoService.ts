import type { DemoStatus } from '../../shared/contract/app';
import { addDays } from '../../shared/domain/dates';
import type { VarianceReason } from '../../shared/domain/variance';
import { evaluateAssessment } from '../../shared/rules/evaluate';
import { generateSyntheticAssessments, generateSyntheticCaseload } from '../../shared/synthetic/caseload';
import { DEMO_CASELOAD_SIZE, DEMO_SEED } from '../../shared/synthetic/demo';
import { seededRandom } from '../../shared/synthetic/random';
import { insertAssessments, type NewAssessmentRow } from '../repositories/assessmentsRepository';
import { countCases, insertCases, type NewCaseRow } from '../repositories/casesRepository';
import { insertDecision } from '../repositories/decisionsRepository';
import { insertEpisodes } from '../repositories/episodesRepository';
import { insertUser } from '../repositories/usersRepository';
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
      {
        id,
        username: `demo-${name.split(' ').at(-1)?.toLowerCase() ?? id}`,
        display_name: name,
        password_hash: null,
        must_change_password: 0,
        active: 0,
        synthetic: 1,
        failed_sign_ins: 0,
        locked_until: null,
        created_at: nowText,
        updated_at: nowText,
      },
      ['clinician'],
    );
  }
  if (actor.roles.includes('clinician')) clinicianIds.push(actor.id);

  const options = { seed: DEMO_SEED, count: DEMO_CASELOAD_SIZE, today };
  const synthetic = generateSyntheticCaseload(options);
  const assessments = generateSyntheticAssessments(synthetic, options);
  const random = seededRandom(DEMO_SEED + 2);
  const caseRows: NewCaseRow[] = [];
  const episodeRows: Parameters<typeof insertEpisodes>[1][number][] = [];
  const assessmentRows: NewAssessmentRow[] = [];
  synthetic.forEach((item, index) => {
    const caseId = ctx.newId();
    const clinicianId = clinicianIds[index % clinicianIds.length] ?? null;
    const opened = new Date(now.getTime() - item.openedDaysAgo * 86_400_000).toISOString();
    caseRows.push({
      id: caseId,
      mrn: item.mrn,
      full_name: item.fullName,
      date_of_birth: item.dateOfBirth,
      level: null,
      status: 'active',
      program: item.program,
      payer: random.pick(['Demo Medicaid plan', 'Demo commercial plan', 'Self-pay', null]),
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
    if (item.level !== null)
      episodeRows.push({ id: ctx.newId(), caseId, level: item.level, startDate: addDays(today, -item.openedDaysAgo), now: nowText });
    const assessment = assessments[index];
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
  await insertEpisodes(ctx.db, episodeRows);
  await insertAssessments(ctx.db, assessmentRows);
  await submitSomeDemoDecisions(ctx, assessmentRows, caseRows, random, nowText, today);
  for (const row of caseRows) await refreshCaseState(ctx, row.id);
  return { created: caseRows.length };
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
