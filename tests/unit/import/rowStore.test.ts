import { describe, expect, it } from 'vitest';
import { CasesToCreate } from '../../../electron/import/casesToCreate';
import { casesPlanOf, emptyPlan, planOfCases, summarize, type CheckedRow } from '../../../electron/import/planImport';
import { RowStore } from '../../../electron/import/rowStore';
import type { AssessmentRow, CaseRow, EpisodeRow } from '../../../shared/import/rows';
import type { TedsRecord } from '../../../shared/teds/records';

const caseRow = (index: number): CaseRow => ({
  mrn: `M-${index}`,
  fullName: index % 3 === 0 ? 'Zoë “Zo” Łukasz-O’Brien 🙂' : `Person ${index}, Test`,
  dateOfBirth: '1980-03-01',
  clinicianUsername: index % 2 === 0 ? null : 'lee',
  program: 'Line one\nline two, "quoted"',
  payer: null,
  status: index % 5 === 0 ? 'discharged' : null,
});

const assessment: AssessmentRow = {
  mrn: 'A-1',
  assessedOn: '2026-01-02',
  severity: 'severe',
  dimensions: { withdrawal: 3, biomedical: 0 },
  criteria: { lifeThreateningUse: true, safeSoberHousing: false },
  weeklyTreatmentHours: 7.25,
  note: null,
  assessmentId: null,
  amendsAssessmentId: null,
};

const episode: EpisodeRow = { mrn: 'E-1', level: 'iop', startedOn: '2026-01-01', endedOn: null, endReason: null };

const teds: TedsRecord = {
  caseRef: '20230001',
  dischargeYear: 2023,
  admissionSetting: 4,
  dischargeSetting: 7,
  reason: null,
  stay: { min: 31, max: null },
  livingArrangement: 3,
  referralSource: 7,
  priorTreatment: 0,
  cooccurringMentalHealth: 2,
};

describe('the rows a check keeps for the import', () => {
  it('gives back every row exactly and in order, across many blocks, whatever its characters', () => {
    const rows: CheckedRow[] = Array.from({ length: 30_000 }, (_, index) => ({ row: index + 2, value: caseRow(index) }));
    const store = new RowStore<CheckedRow>();
    for (const row of rows) store.add(row);
    expect(store.size).toBe(rows.length);
    expect([...store.seal()]).toEqual(rows);
    // Read twice (the import's check, then its writing): the same rows both times.
    expect([...store]).toEqual(rows);
  });

  it('keeps every kind of row as read: nested answers, decimals, ranges and nulls', () => {
    const rows: CheckedRow[] = [
      { row: 2, value: assessment },
      { row: 3, value: episode },
      { row: 4, value: teds },
    ];
    const store = new RowStore<CheckedRow>();
    for (const row of rows) store.add(row);
    expect([...store]).toEqual(rows);
  });

  it('an empty store has no rows', () => {
    expect([...new RowStore<CheckedRow>().seal()]).toEqual([]);
  });
});

describe('the cases an import would create', () => {
  it('are read back from the checked rows by row number, with the clinician each names', () => {
    const checked: CheckedRow[] = [2, 3, 5, 8, 9].map((row) => ({ row, value: caseRow(row) }));
    const cases = new CasesToCreate();
    cases.add(3, 'user-lee');
    cases.add(8, null);
    expect(cases.size).toBe(2);
    expect([...cases.from(checked)]).toEqual([
      { row: caseRow(3), clinicianId: 'user-lee' },
      { row: caseRow(8), clinicianId: null },
    ]);
  });

  it('refuse rows that are not among the checked rows rather than write something else', () => {
    const cases = new CasesToCreate();
    cases.add(4, null);
    expect(() => [...cases.from([{ row: 2, value: caseRow(2) }])]).toThrow(/Row 4/);
  });

  it('cross to another thread as plain data and come back the same list', () => {
    const cases = new CasesToCreate();
    cases.add(3, 'user-lee');
    cases.add(8, null);
    const listed = structuredClone(cases.listed());
    expect([...CasesToCreate.of(listed).from([3, 8].map((row) => ({ row, value: caseRow(row) })))]).toEqual([
      ...cases.from([3, 8].map((row) => ({ row, value: caseRow(row) }))),
    ]);
    expect(() => CasesToCreate.of({ rowNumbers: [2], clinicianIds: [] })).toThrow(/needs its clinician/);
  });
});

describe('a clean cases import’s plan kept between the check and the import', () => {
  it('gives back a plan that writes and counts the same', () => {
    const plan = emptyPlan();
    plan.rows = 4;
    plan.unchanged = 1;
    plan.existing = 1;
    plan.newCases.add(2, null);
    plan.newCases.add(5, 'user-lee');
    plan.caseUpdates.push({ caseId: 'case-1', patch: { full_name: 'New Name' } });
    const kept = casesPlanOf(plan);
    expect(kept).not.toBeNull();
    const again = planOfCases(structuredClone(kept ?? planOfCasesMissing()));
    expect(summarize(again)).toEqual(summarize(plan));
    expect(again.caseUpdates).toEqual(plan.caseUpdates);
    expect(again.newCases.listed()).toEqual(plan.newCases.listed());
  });

  it('is not kept for a plan with problems or with records other than cases', () => {
    const withProblem = emptyPlan();
    withProblem.problemCount = 1;
    const withAssessment = emptyPlan();
    withAssessment.touchedCaseIds.add('case-1');
    expect([casesPlanOf(withProblem), casesPlanOf(withAssessment)]).toEqual([null, null]);
  });
});

function planOfCasesMissing(): never {
  throw new Error('expected a kept plan');
}
