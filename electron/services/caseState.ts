import { addDays } from '../../shared/domain/dates';
import { openEpisode } from '../../shared/domain/episodes';
import { readReviewIntervals } from '../repositories/settingsRepository';
import { latestAssessment } from '../repositories/assessmentsRepository';
import { updateCase } from '../repositories/casesRepository';
import { latestDecisionStatus, pendingTransitions } from '../repositories/decisionsRepository';
import { listEpisodes } from '../repositories/episodesRepository';
import type { ServiceContext } from './context';

/**
 * Recomputes a case's derived caseload columns (current level, since when, latest recommendation,
 * decision status, planned transition, next continued-stay review) from the records, in the same
 * transaction as the change.
 */
export async function refreshCaseState(ctx: Pick<ServiceContext, 'db' | 'clock'>, caseId: string): Promise<void> {
  const episodes = await listEpisodes(ctx.db, caseId);
  const current = openEpisode(episodes);
  const latest = await latestAssessment(ctx.db, caseId);
  const [planned] = await pendingTransitions(ctx.db, { caseId });
  // A continued-stay review is an assessment during the current episode; the next is due one interval later.
  let lastReview: string | null = null;
  let nextReview: string | null = null;
  if (current) {
    const latestInEpisode = await ctx.db
      .selectFrom('assessments')
      .select((eb) => eb.fn.max('assessed_on').as('last'))
      .where('case_id', '=', caseId)
      .where('assessed_on', '>=', current.startDate)
      .executeTakeFirst();
    lastReview = latestInEpisode?.last ?? null;
    const intervals = await readReviewIntervals(ctx.db);
    nextReview = addDays(lastReview ?? current.startDate, intervals[current.level]);
  }
  await updateCase(ctx.db, caseId, {
    level: current?.level ?? null,
    level_since: current?.startDate ?? null,
    recommended_level: latest?.recommendedLevel ?? null,
    latest_assessment_id: latest?.id ?? null,
    decision_status: await latestDecisionStatus(ctx.db, caseId),
    planned_level: planned?.chosen_level ?? null,
    planned_on: planned?.effective_date ?? null,
    last_review_on: lastReview,
    next_review_due: nextReview,
    updated_at: ctx.clock.now().toISOString(),
  });
}
