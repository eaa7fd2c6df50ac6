-- index assessments_by_amends
CREATE INDEX assessments_by_amends ON assessments (amends_id) WHERE amends_id IS NOT NULL;
-- index assessments_by_case
CREATE INDEX assessments_by_case ON assessments (case_id, assessed_on, id);
-- index assessments_by_ruleset
CREATE INDEX assessments_by_ruleset ON assessments (ruleset_version);
-- index attendance_by_case
CREATE INDEX attendance_by_case ON attendance (case_id, session_date);
-- index attendance_by_date
CREATE INDEX attendance_by_date ON attendance (session_date, case_id, hours);
-- index audit_by_action
CREATE INDEX audit_by_action ON audit_events (action, seq);
-- index audit_by_case
CREATE INDEX audit_by_case ON audit_events (json_extract(details, '$.caseId'), seq);
-- index audit_by_record
CREATE INDEX audit_by_record ON audit_events (record_id, seq);
-- index audit_by_time
CREATE INDEX audit_by_time ON audit_events (at, seq);
-- index audit_by_user
CREATE INDEX audit_by_user ON audit_events (user_id, seq);
-- index authorizations_by_case
CREATE INDEX authorizations_by_case ON authorizations (case_id, to_date);
-- index authorizations_by_end
CREATE INDEX authorizations_by_end ON authorizations (to_date, from_date, case_id, level);
-- index care_events_by_case
CREATE INDEX care_events_by_case ON care_events (case_id, recorded_at);
-- index cases_by_mismatch
CREATE INDEX cases_by_mismatch ON cases (mismatch, full_name COLLATE NOCASE, id);
-- index cases_by_name
CREATE INDEX cases_by_name ON cases (full_name COLLATE NOCASE, id);
-- index cases_by_program
CREATE INDEX cases_by_program ON cases (program, id);
-- index cases_by_status_clinician
CREATE INDEX cases_by_status_clinician ON cases (status, clinician_id, full_name COLLATE NOCASE, id);
-- index cases_by_status_decision
CREATE INDEX cases_by_status_decision ON cases (status, decision_status, full_name COLLATE NOCASE, id);
-- index cases_by_status_dob
CREATE INDEX cases_by_status_dob ON cases (status, date_of_birth, full_name COLLATE NOCASE, id);
-- index cases_by_status_level
CREATE INDEX cases_by_status_level ON cases (status, level, full_name COLLATE NOCASE, id);
-- index cases_by_status_level_since
CREATE INDEX cases_by_status_level_since ON cases (status, level_since, full_name COLLATE NOCASE, id);
-- index cases_by_status_mrn
CREATE INDEX cases_by_status_mrn ON cases (status, mrn COLLATE NOCASE);
-- index cases_by_status_name
CREATE INDEX cases_by_status_name ON cases (status, full_name COLLATE NOCASE, id);
-- index cases_by_status_next_review
CREATE INDEX cases_by_status_next_review ON cases (status, next_review_due, full_name COLLATE NOCASE, id);
-- index cases_by_status_recommended
CREATE INDEX cases_by_status_recommended ON cases (status, recommended_level, full_name COLLATE NOCASE, id);
-- index cases_by_status_updated
CREATE INDEX cases_by_status_updated ON cases (status, updated_at, full_name COLLATE NOCASE, id);
-- index cases_mrn_unique
CREATE UNIQUE INDEX cases_mrn_unique ON cases (mrn COLLATE NOCASE);
-- index cases_synthetic
CREATE INDEX cases_synthetic ON cases (synthetic) WHERE synthetic = 1;
-- index decision_reviews_by_decision
CREATE INDEX decision_reviews_by_decision ON decision_reviews (decision_id, reviewed_at);
-- index decisions_by_author
CREATE INDEX decisions_by_author ON decisions (author_id, status);
-- index decisions_by_case
CREATE INDEX decisions_by_case ON decisions (case_id, created_at, id);
-- index decisions_in_effect
CREATE INDEX decisions_in_effect ON decisions (recommended_level, chosen_level, variance_reason, effective_date, case_id) WHERE status = 'approved' AND superseded_by_id IS NULL;
-- index decisions_queue
CREATE INDEX decisions_queue ON decisions (status, submitted_at, id);
-- index disclosures_by_case
CREATE INDEX disclosures_by_case ON disclosures (case_id, disclosed_at);
-- index emergency_access_by_case
CREATE INDEX emergency_access_by_case ON emergency_access (case_id, granted_at);
-- index emergency_access_by_session
CREATE INDEX emergency_access_by_session ON emergency_access (user_id, session_id, case_id);
-- index episodes_by_case
CREATE INDEX episodes_by_case ON episodes (case_id, start_date, id);
-- index episodes_one_open_per_case
CREATE UNIQUE INDEX episodes_one_open_per_case ON episodes (case_id) WHERE end_date IS NULL;
-- index packet_conflicts_open
CREATE INDEX packet_conflicts_open ON packet_conflicts (resolved_at, detected_at);
-- index retro_records_by_key
CREATE UNIQUE INDEX retro_records_by_key ON retro_records (dataset_id, discharge_year, case_ref);
-- index retro_records_for_report
CREATE INDEX retro_records_for_report ON retro_records ( dataset_id, admission_setting, discharge_setting, reason, los_min, los_max, recommended_level );
-- index users_username_unique
CREATE UNIQUE INDEX users_username_unique ON users (username COLLATE NOCASE);
-- table assessments
CREATE TABLE assessments ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE RESTRICT, assessed_on TEXT NOT NULL CHECK (date(assessed_on) IS assessed_on), format_version INTEGER NOT NULL CHECK (format_version >= 1), -- The assessment exactly as recorded, in the interchange format. payload TEXT NOT NULL CHECK (json_valid(payload)), -- The recommendation made when it was recorded, never overwritten: replays compare against it. recommendation TEXT NOT NULL CHECK (json_valid(recommendation)), recommended_level TEXT CHECK (recommended_level IN ('inpatient', 'iop', 'outpatient')), ruleset_version TEXT NOT NULL, created_at TEXT NOT NULL , assessor_id TEXT REFERENCES users (id), note TEXT, amends_id TEXT REFERENCES assessments (id)) STRICT;
-- table attendance
CREATE TABLE attendance ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), session_date TEXT NOT NULL CHECK (date(session_date) IS session_date), hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24), recorded_by TEXT NOT NULL REFERENCES users (id), recorded_at TEXT NOT NULL ) STRICT;
-- table audit_events
CREATE TABLE audit_events ( seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, username TEXT, action TEXT NOT NULL, record_type TEXT, record_id TEXT, outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')), details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)), prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64), hash TEXT NOT NULL CHECK (length(hash) = 64) ) STRICT;
-- table authorizations
CREATE TABLE authorizations ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), payer TEXT NOT NULL CHECK (length(payer) BETWEEN 1 AND 80), level TEXT NOT NULL CHECK (level IN ('inpatient', 'iop', 'outpatient')), from_date TEXT NOT NULL CHECK (date(from_date) IS from_date), to_date TEXT NOT NULL CHECK (date(to_date) IS to_date AND to_date >= from_date), units INTEGER CHECK (units IS NULL OR units >= 0), recorded_by TEXT NOT NULL REFERENCES users (id), recorded_at TEXT NOT NULL, updated_at TEXT NOT NULL ) STRICT;
-- table backup_info
CREATE TABLE backup_info ( id INTEGER PRIMARY KEY CHECK (id = 1), created_at TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('manual', 'automatic', 'before-restore')), app_version TEXT NOT NULL CHECK (length(app_version) BETWEEN 1 AND 64), schema_version INTEGER NOT NULL, row_counts TEXT NOT NULL CHECK (json_valid(row_counts)), made_by TEXT ) STRICT;
-- table care_events
CREATE TABLE care_events ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), kind TEXT NOT NULL CHECK (kind IN ('discharge', 'readmission', 'episode-correction')), event_date TEXT NOT NULL CHECK (date(event_date) IS event_date), episode_id TEXT REFERENCES episodes (id), end_reason TEXT, reason TEXT, details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)), recorded_by TEXT NOT NULL REFERENCES users (id), recorded_at TEXT NOT NULL ) STRICT;
-- table case_names
CREATE VIRTUAL TABLE case_names USING fts5( full_name, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3' );
-- table case_names_config
CREATE TABLE 'case_names_config'(k PRIMARY KEY, v) WITHOUT ROWID;
-- table case_names_data
CREATE TABLE 'case_names_data'(id INTEGER PRIMARY KEY, block BLOB);
-- table case_names_docsize
CREATE TABLE 'case_names_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
-- table case_names_idx
CREATE TABLE 'case_names_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
-- table case_numbers
CREATE TABLE case_numbers ( case_no INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE REFERENCES cases (id) ) STRICT;
-- table cases
CREATE TABLE cases ( id TEXT PRIMARY KEY, mrn TEXT NOT NULL, full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120), date_of_birth TEXT NOT NULL CHECK (date(date_of_birth) IS date_of_birth), level TEXT CHECK (level IN ('inpatient', 'iop', 'outpatient')), status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discharged')), program TEXT, synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)), created_at TEXT NOT NULL, updated_at TEXT NOT NULL , clinician_id TEXT REFERENCES users (id), payer TEXT, level_since TEXT, recommended_level TEXT CHECK (recommended_level IN ('inpatient', 'iop', 'outpatient')), latest_assessment_id TEXT, decision_status TEXT CHECK (decision_status IN ('draft', 'submitted', 'approved', 'returned', 'withdrawn')), planned_level TEXT CHECK (planned_level IN ('inpatient', 'iop', 'outpatient')), planned_on TEXT, mismatch INTEGER GENERATED ALWAYS AS ( CASE WHEN level IS NOT NULL AND recommended_level IS NOT NULL AND level <> recommended_level THEN 1 ELSE 0 END ) VIRTUAL, last_review_on TEXT, next_review_due TEXT) STRICT;
-- table decision_reviews
CREATE TABLE decision_reviews ( id TEXT PRIMARY KEY, decision_id TEXT NOT NULL REFERENCES decisions (id), reviewer_id TEXT NOT NULL REFERENCES users (id), outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'returned')), comment TEXT, reviewed_at TEXT NOT NULL ) STRICT;
-- table decisions
CREATE TABLE decisions ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), assessment_id TEXT NOT NULL REFERENCES assessments (id), recommended_level TEXT CHECK (recommended_level IN ('inpatient', 'iop', 'outpatient')), ruleset_version TEXT NOT NULL, chosen_level TEXT NOT NULL CHECK (chosen_level IN ('inpatient', 'iop', 'outpatient')), effective_date TEXT NOT NULL CHECK (date(effective_date) IS effective_date), status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned', 'withdrawn')), variance_reason TEXT CHECK (variance_reason IN ('patient-preference', 'payer-authorization', 'no-bed-or-slot', 'clinical-judgement', 'legal-mandate', 'incomplete-assessment', 'other')), variance_text TEXT, author_id TEXT NOT NULL REFERENCES users (id), reviewer_id TEXT REFERENCES users (id), review_comment TEXT, supersedes_id TEXT REFERENCES decisions (id), superseded_by_id TEXT REFERENCES decisions (id), applied_at TEXT, apply_problem TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, submitted_at TEXT, reviewed_at TEXT, CHECK (reviewer_id IS NULL OR reviewer_id <> author_id) ) STRICT;
-- table disclosures
CREATE TABLE disclosures ( id TEXT PRIMARY KEY, case_id TEXT REFERENCES cases (id), recipient TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200), purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500), consent_reference TEXT NOT NULL CHECK (length(consent_reference) BETWEEN 1 AND 120), content TEXT NOT NULL, disclosed_by TEXT NOT NULL REFERENCES users (id), disclosed_at TEXT NOT NULL ) STRICT;
-- table emergency_access
CREATE TABLE emergency_access ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), user_id TEXT NOT NULL REFERENCES users (id), -- The access holds for this sign-in session only: a random id the main process gives each session. session_id TEXT NOT NULL, reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500), granted_at TEXT NOT NULL ) STRICT;
-- table episode_span_keys
CREATE TABLE episode_span_keys ( episode_id TEXT PRIMARY KEY REFERENCES episodes (id), span_no INTEGER NOT NULL ) STRICT, WITHOUT ROWID;
-- table episode_spans
CREATE TABLE episode_spans ( span_no INTEGER PRIMARY KEY, case_no INTEGER NOT NULL, start_day INTEGER NOT NULL, end_day INTEGER, level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 2), reason INTEGER CHECK (reason BETWEEN 0 AND 8), CHECK ((end_day IS NULL) = (reason IS NULL)) ) STRICT;
-- table episodes
CREATE TABLE episodes ( id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), level TEXT NOT NULL CHECK (level IN ('inpatient', 'iop', 'outpatient')), start_date TEXT NOT NULL CHECK (date(start_date) IS start_date), end_date TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)), end_reason TEXT CHECK (end_reason IN ('stepped-up', 'stepped-down', 'completed', 'transferred', 'dropped-out', 'administrative-discharge', 'incarcerated', 'died', 'other')), opened_by_decision_id TEXT REFERENCES decisions (id), -- The episode this one replaced in a transition, so a correction knows which boundary it moves. follows_episode_id TEXT REFERENCES episodes (id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL, CHECK ((end_date IS NULL) = (end_reason IS NULL)) ) STRICT;
-- table packet_conflicts
CREATE TABLE packet_conflicts ( id TEXT PRIMARY KEY, packet_id TEXT NOT NULL REFERENCES packets_seen (packet_id), decision_id TEXT NOT NULL REFERENCES decisions (id), outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'returned')), comment TEXT, reviewer_id TEXT NOT NULL REFERENCES users (id), reviewed_at TEXT NOT NULL, reason TEXT NOT NULL, detected_at TEXT NOT NULL, resolution TEXT CHECK (resolution IN ('kept-local', 'returned')), resolved_at TEXT, resolved_by TEXT REFERENCES users (id), CHECK ((resolution IS NULL) = (resolved_at IS NULL) AND (resolution IS NULL) = (resolved_by IS NULL)), UNIQUE (packet_id, decision_id) ) STRICT;
-- table packets_received
CREATE TABLE packets_received ( packet_id TEXT NOT NULL REFERENCES packets_seen (packet_id), decision_id TEXT NOT NULL REFERENCES decisions (id), fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64), PRIMARY KEY (packet_id, decision_id) ) STRICT, WITHOUT ROWID;
-- table packets_seen
CREATE TABLE packets_seen ( packet_id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('review-request', 'sign-off')), -- For a sign-off: the review request (sent from here) it answers. in_reply_to TEXT CHECK ((kind = 'sign-off') = (in_reply_to IS NOT NULL)), source_installation_id TEXT NOT NULL, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL REFERENCES users (id) ) STRICT;
-- table packets_sent
CREATE TABLE packets_sent ( packet_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('review-request', 'sign-off')), in_reply_to TEXT CHECK ((kind = 'sign-off') = (in_reply_to IS NOT NULL)), decision_id TEXT NOT NULL REFERENCES decisions (id), sent_at TEXT NOT NULL, sent_by TEXT NOT NULL REFERENCES users (id), PRIMARY KEY (packet_id, decision_id) ) STRICT, WITHOUT ROWID;
-- table retro_datasets
CREATE TABLE retro_datasets ( id TEXT PRIMARY KEY, format TEXT NOT NULL CHECK (format IN ('coded', 'labelled')), file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255), file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64), imported_at TEXT NOT NULL, imported_by TEXT NOT NULL REFERENCES users(id) ) STRICT;
-- table retro_records
CREATE TABLE retro_records ( id TEXT PRIMARY KEY, dataset_id TEXT NOT NULL REFERENCES retro_datasets(id), case_ref TEXT NOT NULL CHECK (length(case_ref) BETWEEN 1 AND 40), discharge_year INTEGER NOT NULL CHECK (discharge_year BETWEEN 1992 AND 9999), admission_setting INTEGER CHECK (admission_setting BETWEEN 1 AND 8), discharge_setting INTEGER CHECK (discharge_setting BETWEEN 1 AND 8), reason INTEGER CHECK (reason BETWEEN 1 AND 7), los_min INTEGER CHECK (los_min >= 1), los_max INTEGER CHECK (los_max IS NULL OR (los_min IS NOT NULL AND los_max >= los_min)), living_arrangement INTEGER CHECK (living_arrangement BETWEEN 1 AND 3), referral_source INTEGER CHECK (referral_source BETWEEN 1 AND 7), prior_treatment INTEGER CHECK (prior_treatment BETWEEN 0 AND 5), cooccurring_mental_health INTEGER CHECK (cooccurring_mental_health IN (1, 2)), recommended_level TEXT CHECK (recommended_level IN ('inpatient', 'iop', 'outpatient')), ruleset_version TEXT NOT NULL ) STRICT;
-- table settings
CREATE TABLE settings ( key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value)), updated_at TEXT NOT NULL, updated_by TEXT REFERENCES users (id) ) STRICT;
-- table user_roles
CREATE TABLE user_roles ( user_id TEXT NOT NULL REFERENCES users (id), role TEXT NOT NULL CHECK (role IN ('clinician', 'supervisor', 'admin')), PRIMARY KEY (user_id, role) ) STRICT, WITHOUT ROWID;
-- table users
CREATE TABLE users ( id TEXT PRIMARY KEY, username TEXT NOT NULL CHECK (length(username) BETWEEN 1 AND 64), display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120), password_hash TEXT, must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)), active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)), synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)), failed_sign_ins INTEGER NOT NULL DEFAULT 0, locked_until TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL , remote_installation_id TEXT CHECK ( remote_installation_id IS NULL OR (length(remote_installation_id) BETWEEN 1 AND 64 AND password_hash IS NULL AND active = 0) )) STRICT;
-- trigger audit_events_no_delete
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: its rows cannot be deleted.'); END;
-- trigger audit_events_no_update
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: its rows cannot be changed.'); END;
-- trigger care_events_are_kept
CREATE TRIGGER care_events_are_kept BEFORE UPDATE ON care_events BEGIN SELECT RAISE(ABORT, 'Care events are a record of what happened and cannot be changed.'); END;
-- trigger cases_numbered
CREATE TRIGGER cases_numbered AFTER INSERT ON cases BEGIN INSERT INTO case_numbers (case_id) VALUES (NEW.id); INSERT INTO case_names (rowid, full_name) SELECT case_no, NEW.full_name FROM case_numbers WHERE case_id = NEW.id; END;
-- trigger cases_removed
CREATE TRIGGER cases_removed AFTER DELETE ON cases BEGIN DELETE FROM case_names WHERE rowid = (SELECT case_no FROM case_numbers WHERE case_id = OLD.id); DELETE FROM case_numbers WHERE case_id = OLD.id; END;
-- trigger cases_renamed
CREATE TRIGGER cases_renamed AFTER UPDATE OF full_name ON cases WHEN NEW.full_name IS NOT OLD.full_name BEGIN DELETE FROM case_names WHERE rowid = (SELECT case_no FROM case_numbers WHERE case_id = OLD.id); INSERT INTO case_names (rowid, full_name) SELECT case_no, NEW.full_name FROM case_numbers WHERE case_id = NEW.id; END;
-- trigger cases_renumbered
CREATE TRIGGER cases_renumbered BEFORE UPDATE OF id ON cases BEGIN SELECT RAISE(ABORT, 'A case id never changes'); END;
-- trigger decisions_approved_are_immutable
CREATE TRIGGER decisions_approved_are_immutable BEFORE UPDATE ON decisions WHEN OLD.status = 'approved' AND ( NEW.status IS NOT OLD.status OR NEW.chosen_level IS NOT OLD.chosen_level OR NEW.effective_date IS NOT OLD.effective_date OR NEW.assessment_id IS NOT OLD.assessment_id OR NEW.variance_reason IS NOT OLD.variance_reason OR NEW.variance_text IS NOT OLD.variance_text OR NEW.author_id IS NOT OLD.author_id OR NEW.reviewer_id IS NOT OLD.reviewer_id OR NEW.review_comment IS NOT OLD.review_comment OR NEW.recommended_level IS NOT OLD.recommended_level OR NEW.case_id IS NOT OLD.case_id OR NEW.supersedes_id IS NOT OLD.supersedes_id OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.reviewed_at IS NOT OLD.reviewed_at OR NEW.ruleset_version IS NOT OLD.ruleset_version OR NEW.created_at IS NOT OLD.created_at) BEGIN SELECT RAISE(ABORT, 'An approved decision cannot be changed; record a correcting decision instead.'); END;
-- trigger decisions_approved_are_kept
CREATE TRIGGER decisions_approved_are_kept BEFORE DELETE ON decisions WHEN OLD.status = 'approved' BEGIN SELECT RAISE(ABORT, 'An approved decision cannot be deleted.'); END;
-- trigger disclosures_are_kept
CREATE TRIGGER disclosures_are_kept BEFORE UPDATE ON disclosures BEGIN SELECT RAISE(ABORT, 'A recorded disclosure cannot be changed.'); END;
-- trigger disclosures_not_deleted
CREATE TRIGGER disclosures_not_deleted BEFORE DELETE ON disclosures BEGIN SELECT RAISE(ABORT, 'A recorded disclosure cannot be deleted.'); END;
-- trigger episodes_renumbered
CREATE TRIGGER episodes_renumbered BEFORE UPDATE OF id ON episodes BEGIN SELECT RAISE(ABORT, 'An episode id never changes'); END;
-- trigger episodes_span_moved
CREATE TRIGGER episodes_span_moved AFTER UPDATE OF case_id, level, start_date, end_date, end_reason ON episodes BEGIN UPDATE episode_spans SET case_no = (SELECT case_no FROM case_numbers WHERE case_id = NEW.case_id), start_day = unixepoch(NEW.start_date) / 86400, end_day = unixepoch(NEW.end_date) / 86400, level = CASE NEW.level WHEN 'outpatient' THEN 0 WHEN 'iop' THEN 1 WHEN 'inpatient' THEN 2 END, reason = CASE NEW.end_reason WHEN 'stepped-up' THEN 0 WHEN 'stepped-down' THEN 1 WHEN 'completed' THEN 2 WHEN 'transferred' THEN 3 WHEN 'dropped-out' THEN 4 WHEN 'administrative-discharge' THEN 5 WHEN 'incarcerated' THEN 6 WHEN 'died' THEN 7 WHEN 'other' THEN 8 END WHERE span_no = (SELECT span_no FROM episode_span_keys WHERE episode_id = NEW.id); END;
-- trigger episodes_span_removed
CREATE TRIGGER episodes_span_removed AFTER DELETE ON episodes BEGIN DELETE FROM episode_spans WHERE span_no = (SELECT span_no FROM episode_span_keys WHERE episode_id = OLD.id); DELETE FROM episode_span_keys WHERE episode_id = OLD.id; END;
-- trigger episodes_spanned
CREATE TRIGGER episodes_spanned AFTER INSERT ON episodes BEGIN INSERT INTO episode_spans (case_no, start_day, end_day, level, reason) VALUES ( (SELECT case_no FROM case_numbers WHERE case_id = NEW.case_id), unixepoch(NEW.start_date) / 86400, unixepoch(NEW.end_date) / 86400, CASE NEW.level WHEN 'outpatient' THEN 0 WHEN 'iop' THEN 1 WHEN 'inpatient' THEN 2 END, CASE NEW.end_reason WHEN 'stepped-up' THEN 0 WHEN 'stepped-down' THEN 1 WHEN 'completed' THEN 2 WHEN 'transferred' THEN 3 WHEN 'dropped-out' THEN 4 WHEN 'administrative-discharge' THEN 5 WHEN 'incarcerated' THEN 6 WHEN 'died' THEN 7 WHEN 'other' THEN 8 END ); INSERT INTO episode_span_keys (episode_id, span_no) VALUES (NEW.id, last_insert_rowid()); END;
