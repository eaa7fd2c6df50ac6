import type { AssessmentRecord, SaveAssessmentRequest } from '../../shared/contract/assessments';
import { isAfter } from '../../shared/domain/dates';
import { levelOn } from '../../shared/domain/episodes';
import type { Assessment } from '../../shared/rules/assessment';
import { evaluateAssessment } from '../../shared/rules/evaluate';
import { findAssessment, insertAssessment, listCaseAssessments } from '../repositories/assessmentsRepository';
import { listEpisodes } from '../repositories/episodesRepository';
import { actorOf } from './actor';
import { refreshCaseState } from './caseState';
import { requireCase } from './casesService';
import type { ServiceContext } from './context';
import { DomainError, invalidField } from './errors';

/**
 * Records an assessment. The recommendation is computed here with the shared rules, never taken from
 * the renderer, and stored with the ruleset version that produced it.
 */
export async function saveAssessment(ctx: ServiceContext, input: SaveAssessmentRequest): Promise<AssessmentRecord> {
  const actor = actorOf(ctx);
  const found = await requireCase(ctx, input.caseId);
  if (isAfter(input.assessedOn, ctx.clock.today())) throw invalidField('assessedOn', 'The assessment date is in the future.');
  if (input.assessedOn < found.dateOfBirth) throw invalidField('assessedOn', 'The assessment date is before the date of birth.');
  let amendedCurrentLevel: Assessment['currentLevel'] | undefined;
  if (input.amendsId !== undefined) {
    const amended = await findAssessment(ctx.db, input.amendsId);
    if (!amended || amended.caseId !== found.id) throw invalidField('amendsId', 'The assessment to amend does not belong to this case.');
    if (amended.amendedById !== null) {
      throw new DomainError('conflict', 'That assessment has already been amended; amend its latest version instead.', [
        { path: 'amendsId', message: 'Already amended; amend the latest version.' },
      ]);
    }
    // An amendment of the same day's assessment describes the same moment, even if a transition happened later that day.
    if (amended.assessment.assessedOn === input.assessedOn) amendedCurrentLevel = amended.assessment.currentLevel;
  }
  const episodes = await listEpisodes(ctx.db, found.id);
  const id = ctx.newId();
  const assessment: Assessment = withoutUndefined({
    id,
    assessedOn: input.assessedOn,
    // The level the person was at on the assessment day, from the case's own episodes.
    currentLevel: amendedCurrentLevel ?? levelOn(episodes, input.assessedOn) ?? 'none',
    severity: input.severity,
    dimensions: input.dimensions,
    criteria: input.criteria,
    weeklyTreatmentHours: input.weeklyTreatmentHours,
  });
  await insertAssessment(ctx.db, {
    id,
    caseId: found.id,
    assessment,
    recommendation: evaluateAssessment(assessment),
    createdAt: ctx.clock.now().toISOString(),
    assessorId: actor.id,
    note: input.note,
    amendsId: input.amendsId ?? null,
  });
  await refreshCaseState(ctx, found.id);
  const saved = (await listCaseAssessments(ctx.db, found.id)).find((record) => record.id === id);
  if (!saved) throw new Error('The saved assessment could not be read back');
  return saved;
}

/** Leaves unknown fields out, as the interchange format expects, rather than storing nulls. */
function withoutUndefined(assessment: Assessment): Assessment {
  return JSON.parse(JSON.stringify(assessment)) as Assessment;
}
