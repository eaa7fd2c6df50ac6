import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';
import { PACKET_FORMAT_VERSION, type ReviewRequest, type SignOff } from '../../shared/packets/packetContent';

export const CLINIC_INSTALLATION = '3b0f6a2e-6c1d-4f5e-9a37-2d8c1b4e5f60';
export const SUPERVISOR_INSTALLATION = '8e2d4c6a-1b3f-4a5d-8c7e-9f0a1b2c3d4e';
/** A name and MRN the tests search for in sealed bytes. */
export const PATIENT_NAME = 'Rosalind Quackenbush';
export const PATIENT_MRN = 'MRN-774411';

/** A small, valid review request: one clinician, one case, one assessment, one episode, one submitted decision. */
export function makeReviewRequest(overrides: Partial<ReviewRequest> = {}): ReviewRequest {
  return {
    packetId: '6f1c2b3a-4d5e-4f60-8a71-92b3c4d5e6f7',
    kind: 'review-request',
    createdAt: '2026-11-29T10:00:00.000Z',
    appVersion: '0.1.0',
    formatVersion: PACKET_FORMAT_VERSION,
    sourceInstallationId: CLINIC_INSTALLATION,
    notice: REDISCLOSURE_NOTICE,
    users: [{ id: 'user-clin', username: 'clinician', displayName: 'Casey Clinician' }],
    cases: [
      {
        id: 'case-1',
        mrn: PATIENT_MRN,
        fullName: PATIENT_NAME,
        dateOfBirth: '1980-04-12',
        program: 'Adult',
        payer: null,
        status: 'active',
      },
    ],
    assessments: [
      {
        id: 'assess-1',
        caseId: 'case-1',
        assessorId: 'user-clin',
        amendsId: null,
        assessment: {
          id: `${PATIENT_MRN}#2026-11-20`,
          assessedOn: '2026-11-20',
          currentLevel: 'inpatient',
          severity: 'moderate',
          dimensions: { withdrawal: 1, biomedical: 0, psychiatric: 1, readiness: 1, relapse: 2, environment: 1 },
          criteria: { safeSoberHousing: true, supportiveNetwork: true },
        },
        note: null,
        createdAt: '2026-11-20T15:00:00.000Z',
      },
    ],
    episodes: [
      {
        id: 'ep-1',
        caseId: 'case-1',
        level: 'inpatient',
        startDate: '2026-11-01',
        endDate: null,
        endReason: null,
        openedByDecisionId: null,
        followsId: null,
      },
    ],
    decisions: [
      {
        id: 'dec-1',
        caseId: 'case-1',
        assessmentId: 'assess-1',
        recommendedLevel: 'iop',
        rulesetVersion: '2026.1',
        chosenLevel: 'iop',
        effectiveDate: '2026-12-01',
        varianceReason: null,
        varianceText: null,
        authorId: 'user-clin',
        submittedAt: '2026-11-21T09:00:00.000Z',
        status: 'submitted',
        supersedesId: null,
      },
    ],
    ...overrides,
  };
}

export function makeSignOff(overrides: Partial<SignOff> = {}): SignOff {
  return {
    packetId: '9a8b7c6d-5e4f-4a3b-9c1d-0e1f2a3b4c5d',
    kind: 'sign-off',
    createdAt: '2026-11-30T08:00:00.000Z',
    appVersion: '0.1.0',
    formatVersion: PACKET_FORMAT_VERSION,
    sourceInstallationId: SUPERVISOR_INSTALLATION,
    notice: REDISCLOSURE_NOTICE,
    inReplyTo: '6f1c2b3a-4d5e-4f60-8a71-92b3c4d5e6f7',
    reviewer: { id: 'user-sup', username: 'supervisor', displayName: 'Sam Supervisor', installationId: SUPERVISOR_INSTALLATION },
    outcomes: [
      { decisionId: 'dec-1', outcome: 'approved', comment: null, reviewedAt: '2026-11-30T07:55:00.000Z', decisionFingerprint: 'a'.repeat(64) },
    ],
    ...overrides,
  };
}
