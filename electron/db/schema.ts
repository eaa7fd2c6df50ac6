import type { CaseStatus } from '../../shared/domain/case';
import type { Level } from '../../shared/domain/levels';

/** Row shapes as stored in SQLite (snake_case, booleans as 0/1). */
export interface CasesTable {
  id: string;
  mrn: string;
  full_name: string;
  date_of_birth: string;
  level: Level | null;
  status: CaseStatus;
  program: string | null;
  synthetic: number;
  created_at: string;
  updated_at: string;
}

export interface AssessmentsTable {
  id: string;
  case_id: string;
  assessed_on: string;
  format_version: number;
  payload: string;
  recommendation: string;
  recommended_level: Level | null;
  ruleset_version: string;
  created_at: string;
}

export interface StepwiseSchema {
  cases: CasesTable;
  assessments: AssessmentsTable;
}
