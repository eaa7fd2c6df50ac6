import { createHash } from 'node:crypto';
import { decisionFingerprintSource, type PacketDecision } from '../../shared/packets/packetContent';
import type { DecisionRow } from '../repositories/decisionsRepository';

/** SHA-256 (hex) of a decision's fields as a review request carries them; a sign-off quotes it back per outcome. */
export function decisionFingerprint(decision: PacketDecision): string {
  return createHash('sha256').update(decisionFingerprintSource(decision), 'utf8').digest('hex');
}

/** A stored decision as a review request carries it; null unless it is waiting for review (only those travel). */
export function packetDecisionOf(row: DecisionRow): PacketDecision | null {
  if (row.status !== 'submitted' || row.submitted_at === null) return null;
  return {
    id: row.id,
    caseId: row.case_id,
    assessmentId: row.assessment_id,
    recommendedLevel: row.recommended_level,
    rulesetVersion: row.ruleset_version,
    chosenLevel: row.chosen_level,
    effectiveDate: row.effective_date,
    varianceReason: row.variance_reason,
    varianceText: row.variance_text,
    authorId: row.author_id,
    submittedAt: row.submitted_at,
    status: 'submitted',
    supersedesId: row.supersedes_id,
  };
}
