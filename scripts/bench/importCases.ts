import fs from 'node:fs';
import { generateSyntheticCaseload } from '../../shared/synthetic/caseload';
import type { JobRequest } from './job';

const PAYERS = ['Demo Medicaid plan', 'Demo commercial plan', 'Self-pay', ''] as const;

export interface CaseLine {
  readonly mrn: string;
  readonly name: string;
  readonly dateOfBirth: string;
  readonly program: string;
  readonly payer: string;
}

export type ImportCasesRequest = Pick<JobRequest, 'seed' | 'cases' | 'today'>;

/** The import job's new cases, the same for the same request. */
export function importCases(request: ImportCasesRequest): CaseLine[] {
  return generateSyntheticCaseload({ seed: request.seed, count: request.cases, today: request.today }).map((item, index) => ({
    mrn: `IMP-${String(index + 1).padStart(7, '0')}`,
    name: item.fullName,
    dateOfBirth: item.dateOfBirth,
    program: item.program,
    payer: PAYERS[index % PAYERS.length] ?? '',
  }));
}

export function writeImportCsv(file: string, request: ImportCasesRequest): void {
  const lines = importCases(request).map((row) => [row.mrn, row.name, row.dateOfBirth, row.program, row.payer].join(','));
  fs.writeFileSync(file, `${['mrn,name,date_of_birth,program,payer', ...lines].join('\r\n')}\r\n`);
}
