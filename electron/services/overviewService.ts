import type { ClinicianOverview, SupervisorOverview } from '../../shared/contract/reports';
import { VARIANCE_REASONS, type VarianceReason } from '../../shared/domain/variance';
import { listClinicianOptions } from '../repositories/usersRepository';
import type { ServiceContext } from './context';

function emptyVariances(): Record<VarianceReason, number> {
  return Object.fromEntries(VARIANCE_REASONS.map((reason) => [reason, 0])) as Record<VarianceReason, number>;
}

/**
 * Per clinician: decisions by status, concordance (approved, non-superseded decisions with a non-null
 * recommendation that placed the person at the recommended level) and the variance reasons given.
 */
export async function supervisorOverview(ctx: ServiceContext): Promise<SupervisorOverview> {
  const rows = await ctx.db
    .selectFrom('decisions')
    .innerJoin('users', 'users.id', 'decisions.author_id')
    .select((eb) => [
      'decisions.author_id',
      'users.display_name',
      'decisions.status',
      'decisions.recommended_level',
      'decisions.chosen_level',
      'decisions.variance_reason',
      'decisions.superseded_by_id',
      eb
        .exists(
          eb
            .selectFrom('decision_reviews')
            .select('decision_reviews.id')
            .whereRef('decision_reviews.decision_id', '=', 'decisions.id')
            .where('decision_reviews.outcome', '=', 'returned'),
        )
        .as('was_returned'),
    ])
    .where('decisions.status', '<>', 'withdrawn')
    .execute();
  const byClinician = new Map<string, ClinicianOverview>();
  const entryFor = (id: string, displayName: string): ClinicianOverview => {
    const existing = byClinician.get(id);
    if (existing) return existing;
    const created: ClinicianOverview = {
      clinician: { id, displayName },
      decisions: 0,
      drafts: 0,
      pending: 0,
      approved: 0,
      returned: 0,
      concordance: { placedAsRecommended: 0, eligible: 0, share: null },
      variances: emptyVariances(),
    };
    byClinician.set(id, created);
    return created;
  };
  for (const clinician of await listClinicianOptions(ctx.db)) if (clinician.active) entryFor(clinician.id, clinician.displayName);
  for (const row of rows) {
    const entry = entryFor(row.author_id, row.display_name);
    entry.decisions += 1;
    if (row.status === 'draft') entry.drafts += 1;
    if (row.status === 'submitted') entry.pending += 1;
    if (row.status === 'approved') entry.approved += 1;
    // Returned at least once, even if revised and approved since: how often the supervisor sent it back.
    if (row.was_returned) entry.returned += 1;
    // Variances of decisions that were put forward and still stand; drafts and corrected ones are left out.
    if (row.variance_reason !== null && row.status !== 'draft' && row.superseded_by_id === null) entry.variances[row.variance_reason] += 1;
    if (row.status === 'approved' && row.superseded_by_id === null && row.recommended_level !== null) {
      entry.concordance.eligible += 1;
      if (row.chosen_level === row.recommended_level) entry.concordance.placedAsRecommended += 1;
    }
  }
  const clinicians = [...byClinician.values()].map((entry) => ({
    ...entry,
    concordance: {
      ...entry.concordance,
      share: entry.concordance.eligible === 0 ? null : entry.concordance.placedAsRecommended / entry.concordance.eligible,
    },
  }));
  clinicians.sort((a, b) => a.clinician.displayName.localeCompare(b.clinician.displayName));
  return { clinicians };
}
