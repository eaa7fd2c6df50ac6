import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CaseSummary, CreateCaseInput } from '../../../shared/contract/cases';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type { Role } from '../../../shared/domain/roles';
import { makeAssessmentInput } from '../../factories/assessments';
import { makeCaseInput } from '../../factories/cases';
import { expectOk, placeCase } from '../../support/seed';
import type { TestCore } from '../../support/testCore';

/** A case at IOP with something of each kind recorded on it, and the ids a call about it needs. */
export interface CaseFixture {
  readonly caseId: string;
  readonly mrn: string;
  readonly fullName: string;
  readonly dateOfBirth: string;
  readonly episodeId: string;
  readonly attendanceId: string;
  readonly authorizationId: string;
  readonly assessmentId: string;
}

export const CLINIC_USERS: readonly (readonly [string, readonly Role[], string])[] = [
  ['dana', ['clinician'], 'Dana Reyes'],
  ['lee', ['clinician'], 'Lee Chan'],
  ['sam', ['supervisor'], 'Sam Okafor'],
  ['root', ['admin'], 'Robin Admin'],
];

export async function addClinicUsers(core: TestCore): Promise<void> {
  for (const [username, roles, displayName] of CLINIC_USERS) await core.addUser(username, roles, displayName);
}

/** Made through the registry by the clinician the case belongs to. */
export async function prepareCase(core: TestCore, owner: string, patient: Partial<CreateCaseInput> = {}): Promise<CaseFixture> {
  await core.signInAs(owner, ['clinician']);
  const input = makeCaseInput(patient);
  const { id: caseId } = expectOk<CaseSummary>(await core.registry.invoke('cases.create', input));
  await placeCase(core, caseId, 'iop', '2026-11-02');
  const attended = expectOk<CaseDetail>(await core.registry.invoke('care.recordAttendance', { caseId, sessionDate: '2026-11-17', hours: 3 }));
  const authorized = expectOk<CaseDetail>(
    await core.registry.invoke('care.saveAuthorization', { caseId, payer: 'Medicaid', level: 'iop', fromDate: '2026-11-01', toDate: '2026-12-31' }),
  );
  const assessment = expectOk<AssessmentRecord>(
    await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, { assessedOn: '2026-11-20' })),
  );
  const episodeId = attended.episodes[0]?.id;
  const attendanceId = attended.attendance[0]?.id;
  const authorizationId = authorized.authorizations[0]?.id;
  if (!episodeId || !attendanceId || !authorizationId) throw new Error('the case fixture is incomplete');
  return {
    caseId,
    mrn: input.mrn,
    fullName: input.fullName,
    dateOfBirth: input.dateOfBirth,
    episodeId,
    attendanceId,
    authorizationId,
    assessmentId: assessment.id,
  };
}

/** A draft decision on the case, by its clinician. */
export async function draftDecision(core: TestCore, owner: string, fixture: CaseFixture): Promise<string> {
  await core.signInAs(owner, ['clinician']);
  const decision = expectOk<DecisionRecord>(
    await core.registry.invoke('decisions.save', {
      caseId: fixture.caseId,
      assessmentId: fixture.assessmentId,
      chosenLevel: 'iop',
      effectiveDate: '2026-11-29',
    }),
  );
  return decision.id;
}
