import { createHash } from 'node:crypto';
import { decisionFingerprintSource, type PacketDecision } from '../../shared/packets/packetContent';

/** SHA-256 (hex) of a decision's fields as a review request carries them; a sign-off quotes it back per outcome. */
export function decisionFingerprint(decision: PacketDecision): string {
  return createHash('sha256').update(decisionFingerprintSource(decision), 'utf8').digest('hex');
}
