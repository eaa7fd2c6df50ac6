import type { DemoStatus } from '../../shared/contract/app';
import { evaluateAssessment } from '../../shared/rules/evaluate';
import { generateSyntheticAssessments, generateSyntheticCaseload } from '../../shared/synthetic/caseload';
import { DEMO_CASELOAD_SIZE, DEMO_SEED } from '../../shared/synthetic/demo';
import { insertAssessments, type NewAssessmentRow } from '../repositories/assessmentsRepository';
import { countCases, insertCases, type NewCaseRow } from '../repositories/casesRepository';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

export async function demoStatus(ctx: ServiceContext): Promise<DemoStatus> {
  const counts = await countCases(ctx.db);
  return { totalCases: counts.total, syntheticCases: counts.synthetic };
}

/** Fills an empty database with the labelled synthetic caseload and one assessment per case; never mixes it into real records. */
export async function loadDemoCaseload(ctx: ServiceContext): Promise<{ created: number }> {
  const counts = await countCases(ctx.db);
  if (counts.total > 0) {
    throw new DomainError(
      'conflict',
      `The demo caseload can only be loaded into an empty database, and this one already holds ${counts.total} case${counts.total === 1 ? '' : 's'}.`,
    );
  }
  const now = ctx.clock.now();
  const options = { seed: DEMO_SEED, count: DEMO_CASELOAD_SIZE, today: ctx.clock.today() };
  const synthetic = generateSyntheticCaseload(options);
  const assessments = generateSyntheticAssessments(synthetic, options);
  const caseRows: NewCaseRow[] = [];
  const assessmentRows: NewAssessmentRow[] = [];
  synthetic.forEach((item, index) => {
    const opened = new Date(now.getTime() - item.openedDaysAgo * 86_400_000).toISOString();
    const caseId = ctx.newId();
    caseRows.push({
      id: caseId,
      mrn: item.mrn,
      full_name: item.fullName,
      date_of_birth: item.dateOfBirth,
      level: item.level,
      status: 'active',
      program: item.program,
      synthetic: 1,
      created_at: opened,
      updated_at: opened,
    });
    const assessment = assessments[index];
    if (assessment) {
      assessmentRows.push({ id: ctx.newId(), caseId, assessment, recommendation: evaluateAssessment(assessment), createdAt: now.toISOString() });
    }
  });
  await insertCases(ctx.db, caseRows);
  await insertAssessments(ctx.db, assessmentRows);
  return { created: caseRows.length };
}
