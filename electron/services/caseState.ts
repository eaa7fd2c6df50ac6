import { openEpisode } from '../../shared/domain/episodes';
import { latestAssessment } from '../repositories/assessmentsRepository';
import { updateCase } from '../repositories/casesRepository';
import { latestDecisionStatus, pendingTransitions } from '../repositories/decisionsRepository';
import { listEpisodes } from '../repositories/episodesRepository';
import type { ServiceContext } from './context';

/**
 * Recomputes a case's derived caseload columns (current level, since when, latest recommendation,
 * decision status, planned transition) from the records, in the same transaction as the change.
 */
export async function refreshCaseState(ctx: Pick<ServiceContext, 'db' | 'clock'>, caseId: string): Promise<void> {
  const episodes = await listEpisodes(ctx.db, caseId);
  const current = openEpisode(episodes);
  const latest = await latestAssessment(ctx.db, caseId);
  const [planned] = await pendingTransitions(ctx.db, { caseId });
  await updateCase(ctx.db, caseId, {
    level: current?.level ?? null,
    level_since: current?.startDate ?? null,
    recommended_level: latest?.recommendedLevel ?? null,
    latest_assessment_id: latest?.id ?? null,
    decision_status: await latestDecisionStatus(ctx.db, caseId),
    planned_level: planned?.chosen_level ?? null,
    planned_on: planned?.effective_date ?? null,
    updated_at: ctx.clock.now().toISOString(),
  });
}
