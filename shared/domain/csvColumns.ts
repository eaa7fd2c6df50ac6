import { CRITERIA, DIMENSIONS } from '../rules/assessment';

/**
 * The header rows of Stepwise's CSV files, shared by export and import so a file exported here is read back
 * column by column. Each list starts with the columns an import can take (domain field names in lower-case
 * snake_case; criteria by their interchange name), followed by columns Stepwise derives and only writes.
 * Every CSV file starts with one line holding the 42 CFR part 2 notice; the header row is the second line.
 */

/** Lines above the header row: the redisclosure notice, alone in one quoted cell. */
export const CSV_LINES_BEFORE_HEADER = 1;

/** A cell starting with one of these is prefixed with an apostrophe, so a spreadsheet never runs it as a formula. */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

export const CASE_CSV_IMPORT_COLUMNS = ['mrn', 'name', 'date_of_birth', 'clinician_username', 'program', 'payer', 'status'] as const;
export const CASE_CSV_COLUMNS = [
  ...CASE_CSV_IMPORT_COLUMNS,
  'clinician_name',
  'current_level',
  'level_since',
  'recommended_level',
  'decision_status',
  'next_review_due',
] as const;
export type CaseCsvColumn = (typeof CASE_CSV_COLUMNS)[number];

export const ASSESSMENT_CSV_IMPORT_COLUMNS = [
  'mrn',
  'assessed_on',
  'current_level',
  'severity',
  ...DIMENSIONS,
  ...CRITERIA,
  'weekly_treatment_hours',
  'note',
] as const;
export const ASSESSMENT_CSV_COLUMNS = [
  ...ASSESSMENT_CSV_IMPORT_COLUMNS,
  'assessment_id',
  'amends_assessment_id',
  'recommended_level',
  'transition',
  'reasons',
  'warnings',
  'missing',
  'rule_ids',
  'ruleset_version',
  'assessed_by',
  'recorded_at',
] as const;
export type AssessmentCsvColumn = (typeof ASSESSMENT_CSV_COLUMNS)[number];

/** Where each assessment column sits in the assessment interchange format v1 (dotted path). */
export const ASSESSMENT_CSV_INTERCHANGE_PATHS: Readonly<Partial<Record<AssessmentCsvColumn, string>>> = {
  assessed_on: 'assessedOn',
  current_level: 'currentLevel',
  severity: 'severity',
  ...Object.fromEntries(DIMENSIONS.map((name) => [name, `dimensions.${name}`])),
  ...Object.fromEntries(CRITERIA.map((name) => [name, `criteria.${name}`])),
  weekly_treatment_hours: 'weeklyTreatmentHours',
};

export const DECISION_CSV_COLUMNS = [
  'mrn',
  'assessment_id',
  'assessed_on',
  'recommended_level',
  'chosen_level',
  'variance',
  'variance_reason',
  'variance_text',
  'effective_date',
  'status',
  'decided_by',
  'decided_at',
  'submitted_at',
  'review_outcome',
  'reviewed_by',
  'reviewed_at',
  'review_comment',
  'review_history',
  'corrects_decision_effective',
  'superseded',
  'ruleset_version',
] as const;
export type DecisionCsvColumn = (typeof DECISION_CSV_COLUMNS)[number];

export const EPISODE_CSV_IMPORT_COLUMNS = ['mrn', 'level', 'started_on', 'ended_on', 'end_reason'] as const;
export const EPISODE_CSV_COLUMNS = [...EPISODE_CSV_IMPORT_COLUMNS, 'days'] as const;
export type EpisodeCsvColumn = (typeof EPISODE_CSV_COLUMNS)[number];
