import type { Migration } from './types';

export const migration007Retro: Migration = {
  version: 7,
  name: 'retro',
  sql: `
    -- A retrospective dataset: one imported TEDS-D file. Its records are public, de-identified discharges with no
    -- dates and no person link, kept apart from the clinic's cases, episodes and assessments.
    CREATE TABLE retro_datasets (
      id TEXT PRIMARY KEY,
      format TEXT NOT NULL CHECK (format IN ('coded', 'labelled')),
      file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
      file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;

    -- One TEDS-D discharge, as codes (never labels); NULL = not recorded. A length of stay is a range: exact when
    -- los_min = los_max, open-ended when los_max is NULL. There is deliberately no date column.
    CREATE TABLE retro_records (
      id TEXT PRIMARY KEY,
      dataset_id TEXT NOT NULL REFERENCES retro_datasets(id),
      case_ref TEXT NOT NULL CHECK (length(case_ref) BETWEEN 1 AND 40),
      discharge_year INTEGER NOT NULL CHECK (discharge_year BETWEEN 1992 AND 9999),
      admission_setting INTEGER CHECK (admission_setting BETWEEN 1 AND 8),
      discharge_setting INTEGER CHECK (discharge_setting BETWEEN 1 AND 8),
      reason INTEGER CHECK (reason BETWEEN 1 AND 7),
      los_min INTEGER CHECK (los_min >= 1),
      los_max INTEGER CHECK (los_max IS NULL OR (los_min IS NOT NULL AND los_max >= los_min)),
      living_arrangement INTEGER CHECK (living_arrangement BETWEEN 1 AND 3),
      referral_source INTEGER CHECK (referral_source BETWEEN 1 AND 7),
      prior_treatment INTEGER CHECK (prior_treatment BETWEEN 0 AND 5),
      cooccurring_mental_health INTEGER CHECK (cooccurring_mental_health IN (1, 2)),
      recommended_level TEXT CHECK (recommended_level IN ('inpatient', 'iop', 'outpatient')),
      ruleset_version TEXT NOT NULL
    ) STRICT;

    -- TEDS-D's CASEID is unique within a discharge year, and a dataset is one extract as imported: two overlapping
    -- extracts are two datasets, and an import never changes another dataset's records.
    CREATE UNIQUE INDEX retro_records_by_key ON retro_records (dataset_id, discharge_year, case_ref);
    -- Covers the report's one grouped read of a dataset.
    CREATE INDEX retro_records_for_report ON retro_records (
      dataset_id, admission_setting, discharge_setting, reason, los_min, los_max, recommended_level
    );
  `,
};
