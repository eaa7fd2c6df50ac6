import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type { ExportRecordsInput, ExportRecordsOutput } from '../../../shared/contract/exports';
import type { Result } from '../../../shared/contract/result';
import { makeAssessmentInput } from '../../factories/assessments';
import { expectOk } from '../../support/seed';
import type { TestCore } from '../../support/testCore';
import { prepareCase, type CaseFixture } from './caseFixture';

/** Text that breaks naive CSV and spreadsheets: commas, quotes, line breaks, letters beyond ASCII, a formula. */
export const AWKWARD = {
  fullName: 'Zoë "Zo" Ångström, Jr.',
  note: 'Lives with her aunt, "sober" house\nsecond line — ½ days; 日本語',
  varianceText: 'Payer approved outpatient only,\r\nfor 30 days ("step-down")',
  returnComment: 'Say which payer, please.',
  approveComment: '=HYPERLINK("http://example.invalid","Agree")',
  formulaName: '=HYPERLINK("http://example.invalid","Open")',
  formulaProgram: '+SUM(1,2)',
} as const;

export interface ExportCaseload {
  /** Dana's: an awkward name, two assessments (one amends the other), a step-down returned once and approved. */
  readonly zoe: CaseFixture;
  /** Dana's: a name and program that look like formulas, one assessment, one open IOP episode. */
  readonly formula: CaseFixture;
  /** Lee's: never in Dana's exports. */
  readonly lees: CaseFixture;
  readonly stepDownId: string;
}

/** Dana's and Lee's caseloads (caseFixture users must exist), with every kind of record to export. */
export async function seedExportCaseload(core: TestCore): Promise<ExportCaseload> {
  const zoe = await prepareCase(core, 'dana', { mrn: 'D-1001', fullName: AWKWARD.fullName, dateOfBirth: '1980-02-29' });
  const formula = await prepareCase(core, 'dana', { mrn: 'D-1002', fullName: AWKWARD.formulaName, program: AWKWARD.formulaProgram, payer: null });
  const lees = await prepareCase(core, 'lee', { mrn: 'L-2001', fullName: 'Marisol Penhallow' });

  await core.signInAs('dana', ['clinician']);
  const amended = expectOk<AssessmentRecord>(
    await core.registry.invoke(
      'assessments.save',
      makeAssessmentInput(zoe.caseId, { assessedOn: '2026-11-20', amendsId: zoe.assessmentId, note: AWKWARD.note }),
    ),
  );
  const draft = {
    caseId: zoe.caseId,
    assessmentId: amended.id,
    chosenLevel: 'outpatient' as const,
    effectiveDate: '2026-11-25',
    varianceReason: 'payer-authorization' as const,
    varianceText: AWKWARD.varianceText,
    submit: true,
  };
  const stepDown = expectOk<DecisionRecord>(await core.registry.invoke('decisions.save', draft));
  await core.signInAs('sam', ['supervisor']);
  expectOk(await core.registry.invoke('decisions.return', { decisionId: stepDown.id, comment: AWKWARD.returnComment }));
  await core.signInAs('dana', ['clinician']);
  expectOk(await core.registry.invoke('decisions.save', { ...draft, decisionId: stepDown.id }));
  await core.signInAs('sam', ['supervisor']);
  expectOk(await core.registry.invoke('decisions.approve', { decisionId: stepDown.id, comment: AWKWARD.approveComment }));

  await core.signInAs('lee', ['clinician']);
  expectOk(
    await core.registry.invoke('decisions.save', {
      caseId: lees.caseId,
      assessmentId: lees.assessmentId,
      chosenLevel: 'iop',
      effectiveDate: '2026-11-28',
    }),
  );
  return { zoe, formula, lees, stepDownId: stepDown.id };
}

export async function exportAs(core: TestCore, input: ExportRecordsInput): Promise<Result<ExportRecordsOutput>> {
  return (await core.registry.invoke('exports.save', input)) as Result<ExportRecordsOutput>;
}

/** The content of the one file the shell was last asked to save. */
export function lastSavedFile(core: TestCore): { name: string; content: string } {
  const file = core.savedFiles.at(-1);
  if (!file) throw new Error('nothing was saved');
  return file;
}

export async function caseDetail(core: TestCore, caseId: string): Promise<CaseDetail> {
  return expectOk<CaseDetail>(await core.registry.invoke('cases.get', { caseId }));
}
