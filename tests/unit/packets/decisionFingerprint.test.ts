import { describe, expect, it } from 'vitest';
import { decisionFingerprint } from '../../../electron/packets/decisionFingerprint';
import type { PacketDecision } from '../../../shared/packets/packetContent';
import { fingerprintSchema } from '../../../shared/packets/packetContent';
import { makeReviewRequest } from '../../factories/packets';

function decision(): PacketDecision {
  const [first] = makeReviewRequest().decisions;
  if (first === undefined) throw new Error('the factory has a decision');
  return first;
}

describe('a decision fingerprint', () => {
  it('is SHA-256 in lower-case hex, the same for the same fields whatever their key order', () => {
    const reordered = Object.fromEntries(Object.entries(decision()).reverse()) as PacketDecision;
    expect(fingerprintSchema.safeParse(decisionFingerprint(decision())).success).toBe(true);
    expect(decisionFingerprint(reordered)).toBe(decisionFingerprint(decision()));
  });

  it.each<[keyof PacketDecision, PacketDecision[keyof PacketDecision]]>([
    ['id', 'dec-2'],
    ['caseId', 'case-2'],
    ['assessmentId', 'assess-2'],
    ['recommendedLevel', null],
    ['rulesetVersion', '2026.2'],
    ['chosenLevel', 'outpatient'],
    ['effectiveDate', '2026-12-02'],
    ['varianceReason', 'patient-preference'],
    ['varianceText', 'Prefers evening groups.'],
    ['authorId', 'user-other'],
    ['submittedAt', '2026-11-22T09:00:00.000Z'],
    ['supersedesId', 'dec-0'],
  ])('changes when %s changes', (field, value) => {
    expect(decisionFingerprint({ ...decision(), [field]: value })).not.toBe(decisionFingerprint(decision()));
  });

  it('tells a null from the text "null"', () => {
    expect(decisionFingerprint({ ...decision(), varianceText: 'null' })).not.toBe(decisionFingerprint(decision()));
  });
});
