-- index assessments_by_case
CREATE INDEX assessments_by_case ON assessments (case_id, assessed_on, id);
-- index assessments_by_ruleset
CREATE INDEX assessments_by_ruleset ON assessments (ruleset_version);
-- index cases_by_dob
CREATE INDEX cases_by_dob ON cases (date_of_birth, id);
-- index cases_by_level_name
CREATE INDEX cases_by_level_name ON cases (level, full_name COLLATE NOCASE, id);
-- index cases_by_name
CREATE INDEX cases_by_name ON cases (full_name COLLATE NOCASE, id);
-- index cases_by_updated
CREATE INDEX cases_by_updated ON cases (updated_at, id);
-- index cases_mrn_unique
CREATE UNIQUE INDEX cases_mrn_unique ON cases (mrn COLLATE NOCASE);
-- index cases_synthetic
CREATE INDEX cases_synthetic ON cases (synthetic) WHERE synthetic = 1;
-- table assessments
CREATE TABLE assessments ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE RESTRICT, assessed_on TEXT NOT NULL CHECK (date(assessed_on) IS assessed_on), format_version INTEGER NOT NULL CHECK (format_version >= 1), -- The assessment exactly as recorded, in the interchange format. payload TEXT NOT NULL CHECK (json_valid(payload)), -- The recommendation made when it was recorded, never overwritten: replays compare against it. recommendation TEXT NOT NULL CHECK (json_valid(recommendation)), recommended_level TEXT CHECK (recommended_level IN ('inpatient', 'iop', 'outpatient')), ruleset_version TEXT NOT NULL, created_at TEXT NOT NULL ) STRICT;
-- table cases
CREATE TABLE cases ( id TEXT PRIMARY KEY, mrn TEXT NOT NULL, full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120), date_of_birth TEXT NOT NULL CHECK (date(date_of_birth) IS date_of_birth), level TEXT CHECK (level IN ('inpatient', 'iop', 'outpatient')), status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discharged')), program TEXT, synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)), created_at TEXT NOT NULL, updated_at TEXT NOT NULL ) STRICT;
