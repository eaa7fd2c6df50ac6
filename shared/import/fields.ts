import { CRITERIA, DIMENSIONS } from '../rules/assessment';

export const IMPORT_KINDS = ['cases', 'assessments', 'episodes', 'teds-d'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, string>> = {
  cases: 'Cases',
  assessments: 'Assessments',
  episodes: 'Episodes of care',
  'teds-d': 'TEDS-D discharges (retrospective)',
};

/** A Stepwise field a CSV column can fill. `key` is also the column name Stepwise's own CSV exports use. */
export interface ImportField {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  /** Other header names that mean this field; compared after `normalizeHeader`. */
  readonly aliases: readonly string[];
}

const field = (key: string, label: string, required: boolean, aliases: readonly string[] = []): ImportField => ({ key, label, required, aliases });

const CASE_FIELDS: readonly ImportField[] = [
  field('mrn', 'MRN', true, ['medical record number', 'record number', 'patient id', 'client id', 'mrn number']),
  field('name', 'Name', true, ['full name', 'patient name', 'client name', 'full_name']),
  field('date_of_birth', 'Date of birth', true, ['dob', 'birth date', 'birthdate', 'born']),
  field('clinician_username', 'Clinician (username)', false, ['clinician', 'assigned clinician', 'counselor', 'counsellor']),
  field('program', 'Program or site', false, ['site', 'programme', 'program site']),
  field('payer', 'Payer', false, ['insurance', 'insurer', 'payor']),
  field('status', 'Status (active or discharged)', false, ['case status']),
];

const ASSESSMENT_FIELDS: readonly ImportField[] = [
  field('mrn', 'MRN', true, ['medical record number', 'record number', 'patient id', 'client id']),
  field('assessed_on', 'Assessment date', true, ['assessment date', 'date assessed', 'assessed', 'date']),
  field('severity', 'Severity (mild, moderate or severe)', false, ['sud severity']),
  ...DIMENSIONS.map((name) => field(name, `${name[0]?.toUpperCase()}${name.slice(1)} rating (0–4)`, false, [`${name} risk`, `${name} rating`])),
  ...CRITERIA.map((name) => field(name, name, false)),
  field('weekly_treatment_hours', 'Weekly treatment hours', false, ['weeklyTreatmentHours', 'hours per week', 'weekly hours']),
  field('note', 'Note', false, ['notes', 'comment']),
  // Read from Stepwise's own exports so that only the latest version of an amended assessment is imported.
  field('assessment_id', 'Assessment id (Stepwise export)', false),
  field('amends_assessment_id', 'Amends assessment id (Stepwise export)', false),
];

const EPISODE_FIELDS: readonly ImportField[] = [
  field('mrn', 'MRN', true, ['medical record number', 'record number', 'patient id', 'client id']),
  field('level', 'Level of care', true, ['level of care', 'care level', 'loc']),
  field('started_on', 'Start date', true, ['start date', 'start', 'admitted', 'admission date', 'from']),
  field('ended_on', 'End date', false, ['end date', 'end', 'discharged', 'discharge date', 'to']),
  field('end_reason', 'End reason', false, ['reason', 'discharge reason', 'reason for discharge']),
];

/**
 * TEDS-D: keys are the official public-use column names; aliases are the decoded sample's names. Only the columns the
 * retrospective review uses; every other TEDS column is ignored on import (data minimisation, see docs/TEDS.md).
 */
const TEDS_FIELDS: readonly ImportField[] = [
  field('CASEID', 'Case ID (CASEID)', true, ['patient_id']),
  field('DISYR', 'Discharge year (DISYR)', true, ['discharge_year']),
  field('SERVICES', 'Setting at admission (SERVICES)', true, ['service_type_admit']),
  field('SERVICES_D', 'Setting at discharge (SERVICES_D)', false, ['service_type_discharge']),
  field('REASON', 'Reason for discharge (REASON)', false, ['discharge_reason']),
  field('LOS', 'Length of stay (LOS)', false, ['length_of_stay']),
  field('LIVARAG', 'Living arrangement at admission (LIVARAG)', false, ['living_arrangement_admit']),
  field('PSOURCE', 'Referral source (PSOURCE)', false, ['referral_source']),
  field('NOPRIOR', 'Prior treatment episodes (NOPRIOR)', false, ['prior_treatments']),
  field('PSYPROB', 'Co-occurring mental health problem (PSYPROB)', false, ['has_cooccurring_mental_health']),
];

export const IMPORT_FIELDS: Readonly<Record<ImportKind, readonly ImportField[]>> = {
  cases: CASE_FIELDS,
  assessments: ASSESSMENT_FIELDS,
  episodes: EPISODE_FIELDS,
  'teds-d': TEDS_FIELDS,
};

/** "Date of Birth", "date_of_birth" and "DateOfBirth" all become "dateofbirth". */
export function normalizeHeader(header: string): string {
  const once = (text: string): string =>
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  // Dropping a separator can bring together letters that NFKC then composes ("ﾡ ㅏ": two Hangul jamo become one
  // syllable), so the steps repeat until nothing changes; a few rounds always suffice.
  let normalized = once(header);
  for (let round = 0; round < 8; round += 1) {
    const again = once(normalized);
    if (again === normalized) break;
    normalized = again;
  }
  return normalized;
}
