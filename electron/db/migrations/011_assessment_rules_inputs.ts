import type { Migration } from './types';

// Copies, not imports: a released migration never changes, even if the format's constants later do.
const DIMENSIONS = ['withdrawal', 'biomedical', 'psychiatric', 'readiness', 'relapse', 'environment'] as const;
const CRITERIA = [
  'lifeThreateningUse',
  'needsMedicallySupervisedWithdrawal',
  'needs24HourSupervision',
  'repeatedRelapseInOutpatient',
  'safeSoberHousing',
  'supportiveNetwork',
  'courtOrderedResidential',
  'severeCoOccurringMentalHealth',
  'completedHigherLevelCare',
  'selfMotivated',
  'needsFlexibleSchedule',
] as const;

const dimension = (name: string): string => `d_${name}`;
const criterion = (name: string): string => `c_${name}`;

/**
 * True when the recommendation is what recommendationSchema accepts: exactly eight top-level entries, each of its
 * eight keys once with the type it needs (one decimal digit per key, so with eight entries no digit can carry), a
 * known level and transition or null, and nothing but texts inside the arrays. By parent and type, not by path:
 * a key written with escapes gives its children a path that cannot be matched.
 */
const VALID_RECOMMENDATION = `(SELECT sum(node.parent = 0) = 8 AND sum(CASE
        WHEN node.parent = 0 THEN CASE node.key
          WHEN 'id' THEN CASE node.type WHEN 'text' THEN 1 END
          WHEN 'level' THEN CASE WHEN node.type = 'null' OR (node.type = 'text' AND node.atom IN ('inpatient', 'iop', 'outpatient')) THEN 10 END
          WHEN 'transition' THEN CASE WHEN node.type = 'null' OR (node.type = 'text' AND node.atom IN ('admit', 'continue', 'step-up', 'step-down')) THEN 100 END
          WHEN 'ruleIds' THEN CASE node.type WHEN 'array' THEN 1000 END
          WHEN 'reasons' THEN CASE node.type WHEN 'array' THEN 10000 END
          WHEN 'warnings' THEN CASE node.type WHEN 'array' THEN 100000 END
          WHEN 'rulesetVersion' THEN CASE node.type WHEN 'text' THEN 1000000 END
          WHEN 'missing' THEN CASE node.type WHEN 'array' THEN 10000000 END
          END
        WHEN node.type = 'text' OR node.parent IS NULL THEN 0
        ELSE 100000000 END) = 11111111
      FROM json_tree(recommendation) AS node)`;

/**
 * Every value the key is made of, read once per row of `source` (rows with id, format_version, payload and
 * recommendation). Ratings and criteria are kept as their JSON text ('3', 'true'), as are the hours. The LIMIT keeps
 * SQLite from copying these expressions into each of their uses below (subquery flattening), so each is read once.
 */
function fieldsOf(source: string): string {
  return `SELECT id, format_version, payload,
      (SELECT count(*) FROM json_each(payload)) AS p_keys,
      payload -> '$.id' AS p_id,
      payload ->> '$.assessedOn' AS p_assessed_on,
      payload ->> '$.currentLevel' AS p_current_level,
      payload ->> '$.severity' AS p_severity,
      json_type(payload, '$.dimensions') AS p_dimensions,
      (SELECT count(*) FROM json_each(payload, '$.dimensions')) AS p_dimension_keys,
      ${DIMENSIONS.map((name) => `payload -> '$.dimensions.${name}' AS ${dimension(name)}`).join(',\n      ')},
      json_type(payload, '$.criteria') AS p_criteria,
      (SELECT count(*) FROM json_each(payload, '$.criteria')) AS p_criteria_keys,
      ${CRITERIA.map((name) => `payload -> '$.criteria.${name}' AS ${criterion(name)}`).join(',\n      ')},
      payload -> '$.weeklyTreatmentHours' AS p_hours,
      recommendation ->> '$.level' AS r_level,
      ${VALID_RECOMMENDATION} AS recommendation_ok
    FROM ${source}
    LIMIT -1 OFFSET 0`;
}

const present = (value: string): string => `(${value} IS NOT NULL)`;

/**
 * The payload as assessmentSchemaV1 reads it: no escapes (so every key and text is exactly as written), each object
 * with as many entries as known keys found in it (so none unknown and none repeated: JSON.parse keeps the last of
 * two, SQLite the first), and each value of its type.
 */
const VALID_PAYLOAD = [
  `instr(payload, '\\') = 0`,
  `p_keys = 3 + ${[present('p_severity'), present('p_dimensions'), present('p_criteria'), present('p_hours')].join(' + ')}`,
  `(p_dimensions IS NULL OR (p_dimensions = 'object' AND p_dimension_keys = ${DIMENSIONS.map((name) => present(dimension(name))).join(' + ')}))`,
  `(p_criteria IS NULL OR (p_criteria = 'object' AND p_criteria_keys = ${CRITERIA.map((name) => present(criterion(name))).join(' + ')}))`,
  // A text of 1 to 100 bytes: never fewer than the UTF-16 units zod counts, so no id it refuses gets a key.
  `p_id GLOB '"*"' AND length(CAST(p_id AS BLOB)) BETWEEN 3 AND 102`,
  `p_assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(p_assessed_on) = p_assessed_on`,
  `(p_severity IS NULL OR p_severity IN ('mild', 'moderate', 'severe'))`,
  // Plain decimals of at most ten characters: far enough from 168 that no rounding can put one on the other side.
  `(p_hours IS NULL OR (p_hours NOT GLOB '*[^0-9.]*' AND length(p_hours) <= 10 AND CAST(p_hours AS REAL) <= 168))`,
];

/**
 * The replay key (shared/rules/replayKey.ts): the stored level, the current level, the severity, the six ratings and
 * the eleven criteria, one character each. A rating is its JSON text and a criterion its first letter, so one written
 * 2.0, "2" or null does not fit KEY_PATTERN.
 */
const KEY = `CASE r_level WHEN 'inpatient' THEN 'I' WHEN 'iop' THEN 'P' WHEN 'outpatient' THEN 'O' ELSE '-' END
        || CASE p_current_level WHEN 'none' THEN 'N' WHEN 'inpatient' THEN 'I' WHEN 'iop' THEN 'P' WHEN 'outpatient' THEN 'O' ELSE '?' END
        || CASE p_severity WHEN 'mild' THEN '1' WHEN 'moderate' THEN '2' WHEN 'severe' THEN '3' ELSE '-' END
        || ${DIMENSIONS.map((name) => `coalesce(${dimension(name)}, '-')`).join(' || ')}
        || ${CRITERIA.map((name) => `coalesce(substr(${criterion(name)}, 1, 1), '-')`).join(' || ')}`;

const KEY_PATTERN = `[IPO-][NIPO][123-]${'[0-4-]'.repeat(DIMENSIONS.length)}${'[tf-]'.repeat(CRITERIA.length)}`;

/** A key only for a row of format 1 whose payload and recommendation the schemas accept and which fits the pattern. */
const VALID = ['format_version = 1', ...VALID_PAYLOAD, 'recommendation_ok', `candidate GLOB '${KEY_PATTERN}'`].join('\n        AND ');

function keysOf(source: string): string {
  return `SELECT CASE WHEN ${VALID} THEN candidate ELSE '' END AS replay_key, id AS assessment_id
    FROM (SELECT *, ${KEY} AS candidate FROM (${fieldsOf(source)}) LIMIT -1 OFFSET 0)`;
}

const NEW_ROW = '(SELECT NEW.id AS id, NEW.format_version AS format_version, NEW.payload AS payload, NEW.recommendation AS recommendation)';
const OLD_ROW = '(SELECT OLD.id AS id, OLD.format_version AS format_version, OLD.payload AS payload, OLD.recommendation AS recommendation)';

/**
 * Every assessment's entry, as the insert trigger below leaves them. Exported for the reference caseload's bulk load
 * (electron/repositories/referenceCaseloadWriter.ts), which derives them once instead of row by row.
 */
export const RULES_INPUTS_OF_EVERY_ASSESSMENT = `INSERT INTO assessment_rules_inputs (replay_key, assessment_id)
    ${keysOf('assessments')}`;

export const migration011AssessmentRulesInputs: Migration = {
  version: 11,
  name: 'assessment rules inputs',
  sql: `
    -- Derived from assessments, one row each, written by the triggers below in the same transaction as every change:
    -- what rules impact needs of an assessment, 20 characters instead of a 1.3 KB payload and its recommendation.
    -- The key comes first, so equal ones lie together and are replayed once. '' means: replay the full row.
    CREATE TABLE assessment_rules_inputs (
      replay_key TEXT NOT NULL CHECK (replay_key = '' OR length(replay_key) = 20),
      assessment_id TEXT NOT NULL,
      PRIMARY KEY (replay_key, assessment_id)
    ) STRICT, WITHOUT ROWID;

    ${RULES_INPUTS_OF_EVERY_ASSESSMENT};

    CREATE TRIGGER assessment_rules_inputs_on_insert AFTER INSERT ON assessments BEGIN
      INSERT INTO assessment_rules_inputs (replay_key, assessment_id)
      ${keysOf(NEW_ROW)};
    END;

    -- Assessments are never edited or deleted today; these keep the copy exact if that changes. The old row's key is
    -- computed again from its columns, so its entry is found by the primary key.
    CREATE TRIGGER assessment_rules_inputs_on_update AFTER UPDATE OF id, format_version, payload, recommendation ON assessments BEGIN
      DELETE FROM assessment_rules_inputs WHERE (replay_key, assessment_id) IN (${keysOf(OLD_ROW)});
      INSERT INTO assessment_rules_inputs (replay_key, assessment_id)
      ${keysOf(NEW_ROW)};
    END;

    CREATE TRIGGER assessment_rules_inputs_on_delete AFTER DELETE ON assessments BEGIN
      DELETE FROM assessment_rules_inputs WHERE (replay_key, assessment_id) IN (${keysOf(OLD_ROW)});
    END;
  `,
};
