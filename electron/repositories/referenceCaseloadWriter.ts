import type Database from 'better-sqlite3-multiple-ciphers';
import { NUMBERS_OF_EVERY_CASE } from '../db/migrations/009_caseload_indexes_case_names';
import { SPANS_OF_EVERY_EPISODE } from '../db/migrations/010_episode_spans';
import { STALE_BLOCKS_OF_EVERY_SPAN } from '../db/migrations/014_span_blocks';
import { ACTIVE_OF_EVERY_CASE } from '../db/migrations/016_case_numbers_active';
import { packStaleSpanBlocks } from './spanBlocks';
import { RULES_INPUTS_OF_EVERY_ASSESSMENT } from '../db/migrations/011_assessment_rules_inputs';
import { authorizationSpans, iopHoursSpans } from '../db/migrations/013_case_flag_spans';
import { DEFAULT_REVIEW_INTERVALS, type ReviewIntervals } from '../../shared/contract/care';
import { referenceCaseload, referenceStaff } from '../../shared/synthetic/referenceCaseload';
import { referenceCaseState } from '../../shared/synthetic/referenceState';
import type { ReferenceCase, ReferenceOptions, ReferencePerson } from '../../shared/synthetic/referenceTypes';

export interface ReferenceCounts {
  users: number;
  cases: number;
  assessments: number;
  decisions: number;
  decisionReviews: number;
  episodes: number;
  attendance: number;
  authorizations: number;
}

export interface WriteReferenceOptions extends ReferenceOptions {
  /** The review intervals the derived "next review due" uses; the app's defaults unless the database has others. */
  readonly intervals?: ReviewIntervals;
  /** Cases per transaction: large enough to amortise the commit, small enough to keep the WAL file modest. */
  readonly casesPerTransaction?: number;
  /** Page cache for the load, in MiB; the connection's own setting is put back afterwards. */
  readonly cacheMiB?: number;
  readonly onProgress?: (casesWritten: number) => void;
  /**
   * Keep the insert triggers through the load, so every derived row is written as the app writes it, one at a time.
   * Otherwise a load into a database with no records yet sets them aside and derives the same rows once at the end.
   */
  readonly deriveRowByRow?: boolean;
}

const INSERT = {
  user: `INSERT INTO users (id, username, display_name, password_hash, must_change_password, active, synthetic, failed_sign_ins, locked_until, created_at, updated_at)
    VALUES (?, ?, ?, NULL, 0, 0, 1, 0, NULL, ?, ?)`,
  role: 'INSERT INTO user_roles (user_id, role) VALUES (?, ?)',
  case: `INSERT INTO cases (id, mrn, full_name, date_of_birth, level, status, program, synthetic, created_at, updated_at, clinician_id, payer, level_since,
    recommended_level, latest_assessment_id, decision_status, planned_level, planned_on, last_review_on, next_review_due)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  assessment: `INSERT INTO assessments (id, case_id, assessed_on, format_version, payload, recommendation, recommended_level, ruleset_version, created_at,
    assessor_id, note, amends_id) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
  decision: `INSERT INTO decisions (id, case_id, assessment_id, recommended_level, ruleset_version, chosen_level, effective_date, status, variance_reason,
    variance_text, author_id, reviewer_id, review_comment, supersedes_id, superseded_by_id, applied_at, apply_problem, created_at, updated_at, submitted_at,
    reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, ?, ?, ?, ?)`,
  review: 'INSERT INTO decision_reviews (id, decision_id, reviewer_id, outcome, comment, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)',
  episode: `INSERT INTO episodes (id, case_id, level, start_date, end_date, end_reason, opened_by_decision_id, follows_episode_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  attendance: 'INSERT INTO attendance (id, case_id, session_date, hours, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
  authorization: `INSERT INTO authorizations (id, case_id, payer, level, from_date, to_date, units, recorded_by, recorded_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
} as const;

type Statements = { readonly [K in keyof typeof INSERT]: Database.Statement };

// Attendance and authorizations keep their indexes through the load: the triggers that keep each case's flag spans
// (migration 13) read them by case for every row written, and without them each row would scan the whole table.
const LOADED_TABLES = ['cases', 'assessments', 'decisions', 'decision_reviews', 'episodes'] as const;

/**
 * The secondary indexes of the loaded tables, exactly as the migrations created them. Dropped before the load and
 * created again from the same text after it: building an index from sorted keys once is several times faster than
 * growing it by a million random-id inserts, and the schema ends as the migrations left it.
 */
function secondaryIndexes(sqlite: Database.Database): { name: string; sql: string }[] {
  const placeholders = LOADED_TABLES.map(() => '?').join(', ');
  return sqlite
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders}) ORDER BY name`)
    .all(...LOADED_TABLES) as { name: string; sql: string }[];
}

/**
 * The triggers that keep derived tables (migrations 9, 10, 11, 13, 14 and 16), in the order their tables must be
 * derived (spans need case numbers), each with the statement that leaves, for rows inserted into empty tables, what the
 * trigger leaves row by row. The migrations fill their tables with the same statements for the records they find.
 */
const DERIVED_BY_TRIGGER: readonly { readonly trigger: string; readonly derive: string }[] = [
  { trigger: 'cases_numbered', derive: NUMBERS_OF_EVERY_CASE },
  { trigger: 'cases_status_numbered', derive: ACTIVE_OF_EVERY_CASE },
  { trigger: 'episodes_spanned', derive: SPANS_OF_EVERY_EPISODE },
  { trigger: 'episode_spans_added', derive: STALE_BLOCKS_OF_EVERY_SPAN },
  { trigger: 'assessment_rules_inputs_on_insert', derive: RULES_INPUTS_OF_EVERY_ASSESSMENT },
  { trigger: 'cases_flagged', derive: iopHoursSpans('1') },
  { trigger: 'attendance_flagged', derive: iopHoursSpans('1') },
  { trigger: 'authorizations_flagged', derive: authorizationSpans('1') },
];

interface SetAsideTrigger {
  readonly name: string;
  readonly sql: string;
  readonly derive: string;
}

/**
 * The derived-table triggers this database has, to set aside for a load into a database with no records yet: written
 * row by row they took about half of the load (7 of 15.5 s at 10,000 cases). A database migrated only part of the way
 * has fewer of them.
 */
function triggersToSetAside(sqlite: Database.Database, options: WriteReferenceOptions): SetAsideTrigger[] {
  if (options.deriveRowByRow === true) return [];
  const holdsRecords = [...LOADED_TABLES, 'attendance', 'authorizations'].some(
    (table) => sqlite.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined,
  );
  if (holdsRecords) return [];
  const text = sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck();
  return DERIVED_BY_TRIGGER.flatMap(({ trigger, derive }) => {
    const sql = text.get(trigger) as string | undefined;
    return sql === undefined ? [] : [{ name: trigger, sql, derive }];
  });
}

/** Derives, once, what the set-aside triggers would have written, then puts the triggers back from their own text. */
function deriveAndRestore(sqlite: Database.Database, triggers: readonly SetAsideTrigger[], derive: boolean): void {
  if (derive) for (const statement of new Set(triggers.map((trigger) => trigger.derive))) sqlite.exec(statement);
  for (const trigger of triggers) sqlite.exec(trigger.sql);
}

/**
 * Writes the reference caseload into an open, migrated database. Hand-written prepared statements on the raw
 * connection, not Kysely: a measured hot path (1.3 million rows at 100,000 cases), where building and compiling a
 * query per row would cost more than SQLite's own work. Returns how many rows each table received.
 */
export function writeReferenceCaseload(sqlite: Database.Database, options: WriteReferenceOptions): ReferenceCounts {
  const statements = Object.fromEntries(Object.entries(INSERT).map(([name, text]) => [name, sqlite.prepare(text)])) as Statements;
  const intervals = options.intervals ?? DEFAULT_REVIEW_INTERVALS;
  const counts: ReferenceCounts = {
    users: 0,
    cases: 0,
    assessments: 0,
    decisions: 0,
    decisionReviews: 0,
    episodes: 0,
    attendance: 0,
    authorizations: 0,
  };
  const staff = referenceStaff(options);
  const staffSince = `${options.today}T07:00:00.000Z`;
  sqlite.transaction(() => {
    const addPerson = (person: ReferencePerson, role: 'clinician' | 'supervisor'): void => {
      statements.user.run(person.id, person.username, person.displayName, staffSince, staffSince);
      statements.role.run(person.id, role);
      counts.users += 1;
    };
    for (const clinician of staff.clinicians) addPerson(clinician, 'clinician');
    for (const supervisor of staff.supervisors) addPerson(supervisor, 'supervisor');
  })();
  const perTransaction = options.casesPerTransaction ?? 5000;
  const cacheSize = Number(sqlite.pragma('cache_size', { simple: true }));
  const indexes = secondaryIndexes(sqlite);
  const triggers = triggersToSetAside(sqlite, options);
  let loaded = false;
  // PRAGMA values cannot be bound parameters; this one is an integer.
  sqlite.pragma(`cache_size = ${-Math.trunc((options.cacheMiB ?? 256) * 1024)}`);
  try {
    sqlite.transaction(() => {
      for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
      for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
    })();
    let batch: ReferenceCase[] = [];
    const writeBatch = sqlite.transaction((items: readonly ReferenceCase[]) => {
      for (const item of items) writeCase(statements, item, intervals, counts);
    });
    for (const item of referenceCaseload(options, staff)) {
      batch.push(item);
      if (batch.length === perTransaction) {
        writeBatch(batch);
        batch = [];
        options.onProgress?.(counts.cases);
      }
    }
    if (batch.length > 0) writeBatch(batch);
    loaded = true;
  } finally {
    sqlite.transaction(() => {
      // After a failed load only the schema is put back: its records are incomplete whatever is derived from them.
      deriveAndRestore(sqlite, triggers, loaded);
      for (const index of indexes) sqlite.exec(index.sql);
    })();
    sqlite.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }
  // As opening the database would (a database migrated only part of the way has no blocks).
  const packsSpans = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'span_blocks_stale'").get() !== undefined;
  if (packsSpans) sqlite.transaction(() => packStaleSpanBlocks(sqlite))();
  options.onProgress?.(counts.cases);
  return counts;
}

function writeCase(statements: Statements, item: ReferenceCase, intervals: ReviewIntervals, counts: ReferenceCounts): void {
  const state = referenceCaseState(item, intervals);
  statements.case.run(
    item.id,
    item.mrn,
    item.fullName,
    item.dateOfBirth,
    state.level,
    item.status,
    item.program,
    item.createdAt,
    state.updatedAt,
    item.clinicianId,
    item.payer,
    state.levelSince,
    state.recommendedLevel,
    state.latestAssessmentId,
    state.decisionStatus,
    state.plannedLevel,
    state.plannedOn,
    state.lastReviewOn,
    state.nextReviewDue,
  );
  counts.cases += 1;
  for (const row of item.assessments) {
    statements.assessment.run(
      row.id,
      item.id,
      row.assessment.assessedOn,
      JSON.stringify(row.assessment),
      JSON.stringify(row.recommendation),
      row.recommendation.level,
      row.recommendation.rulesetVersion,
      row.createdAt,
      row.assessorId,
    );
  }
  counts.assessments += item.assessments.length;
  for (const decision of item.decisions) {
    statements.decision.run(
      decision.id,
      item.id,
      decision.assessmentId,
      decision.recommendedLevel,
      decision.rulesetVersion,
      decision.chosenLevel,
      decision.effectiveDate,
      decision.status,
      decision.varianceReason,
      decision.varianceText,
      decision.authorId,
      decision.reviewerId,
      decision.reviewComment,
      decision.appliedAt,
      decision.createdAt,
      decision.updatedAt,
      decision.submittedAt,
      decision.reviewedAt,
    );
    for (const review of decision.reviews)
      statements.review.run(review.id, decision.id, review.reviewerId, review.outcome, review.comment, review.reviewedAt);
    counts.decisionReviews += decision.reviews.length;
  }
  counts.decisions += item.decisions.length;
  for (const episode of item.episodes) {
    const recorded = `${episode.startDate}T12:00:00.000Z`;
    statements.episode.run(
      episode.id,
      item.id,
      episode.level,
      episode.startDate,
      episode.endDate,
      episode.endReason,
      episode.openedByDecisionId,
      episode.followsId,
      recorded,
      episode.endDate === null ? recorded : `${episode.endDate}T12:00:00.000Z`,
    );
  }
  counts.episodes += item.episodes.length;
  const recorder = item.clinicianId ?? item.decisions[0]?.authorId ?? item.assessments[0]?.assessorId ?? null;
  for (const session of item.attendance) {
    statements.attendance.run(session.id, item.id, session.sessionDate, session.hours, recorder, `${session.sessionDate}T18:00:00.000Z`);
  }
  counts.attendance += item.attendance.length;
  const authorization = item.authorization;
  if (authorization) {
    const recorded = `${authorization.fromDate}T12:00:00.000Z`;
    statements.authorization.run(
      authorization.id,
      item.id,
      authorization.payer,
      authorization.level,
      authorization.fromDate,
      authorization.toDate,
      authorization.units,
      recorder,
      recorded,
      recorded,
    );
    counts.authorizations += 1;
  }
}
