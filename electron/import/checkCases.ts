import type { CaseRow } from '../../shared/import/rows';
import { activeCliniciansByUsername } from '../repositories/importRepository';
import { EARLIEST_DATE_OF_BIRTH } from '../services/casesService';
import { mrnKey, type CaseUpdate, type CheckerInput, type RowChecker } from './planImport';

export async function caseChecker({ ctx, plan, options, cases, problem }: CheckerInput): Promise<RowChecker> {
  const clinicians = await activeCliniciansByUsername(ctx.db);
  const seen = new Map<string, number>();
  return {
    row(rowNumber, value) {
      const row = value as CaseRow;
      const key = mrnKey(row.mrn);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problem(
          rowNumber,
          'mrn',
          row.mrn,
          `The MRN ${row.mrn} is also on row ${earlier} (MRNs are the same whatever the letter case); a case can appear only once in a file.`,
        );
        return;
      }
      seen.set(key, rowNumber);
      if (row.dateOfBirth < EARLIEST_DATE_OF_BIRTH) {
        problem(rowNumber, 'date_of_birth', row.dateOfBirth, 'The date of birth is before 1900; check the year.');
        return;
      }
      let clinicianId: string | null = null;
      if (row.clinicianUsername !== null) {
        clinicianId = clinicians.get(row.clinicianUsername.toLowerCase()) ?? null;
        if (clinicianId === null) {
          problem(rowNumber, 'clinician_username', row.clinicianUsername, `No active clinician has the username “${row.clinicianUsername}”.`);
          return;
        }
      }
      const found = cases.get(key);
      if (!found) {
        plan.newCases.add(rowNumber, clinicianId);
        return;
      }
      // An empty cell never erases what is stored: a file without a column for it says nothing about it.
      const patch: CaseUpdate['patch'] = {};
      if (row.fullName !== found.fullName) patch.full_name = row.fullName;
      if (row.dateOfBirth !== found.dateOfBirth) patch.date_of_birth = row.dateOfBirth;
      if (clinicianId !== null && clinicianId !== found.clinicianId) patch.clinician_id = clinicianId;
      if (row.program !== null && row.program !== found.program) patch.program = row.program;
      if (row.payer !== null && row.payer !== found.payer) patch.payer = row.payer;
      const statusChanges = row.status !== null && row.status !== found.status;
      if (Object.keys(patch).length === 0 && !statusChanges) {
        plan.unchanged += 1;
        return;
      }
      plan.existing += 1;
      if (options.existing === 'skip') plan.skipped += 1;
      if (options.existing !== 'update') return;
      // A discharge closes the open episode and a readmission opens one, with their reasons: not something a cell can do.
      if (statusChanges) {
        problem(
          rowNumber,
          'status',
          row.status ?? '',
          `The case ${found.mrn} is ${found.status} in Stepwise. Record a ${found.status === 'active' ? 'discharge' : 'readmission'} on the case itself; an import does not change a stored case's status.`,
        );
        return;
      }
      plan.caseUpdates.push({ caseId: found.id, patch });
    },
  };
}
