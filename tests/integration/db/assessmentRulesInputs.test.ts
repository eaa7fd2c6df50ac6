import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { LEVELS } from '../../../shared/domain/levels';
import { assessmentSchemaV1, type Assessment } from '../../../shared/rules/assessment';
import { evaluateAssessment } from '../../../shared/rules/evaluate';
import { recommendationSchema, type Recommendation } from '../../../shared/rules/recommendation';
import { encodeReplayKey } from '../../../shared/rules/replayKey';
import { anyAssessment, corruption } from '../../unit/rules/arbitraries';

const REFERENCE = { seed: 2026, cases: 40, today: '2026-11-29' };
const BEFORE_RULES_INPUTS = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((migration) => migration.name === 'assessment rules inputs'),
);

let sqlite: Database.Database;
let caseId: string;
let rowNumber = 0;

beforeEach(() => {
  sqlite = new Database(':memory:');
  migrate(sqlite, STEPWISE_APPLICATION_ID);
  // Row by row: the trigger is what these tests check, against the migration's statement for stored rows below.
  writeReferenceCaseload(sqlite, { ...REFERENCE, deriveRowByRow: true });
  caseId = sqlite.prepare('SELECT id FROM cases ORDER BY id LIMIT 1').pluck().get() as string;
});
afterEach(() => sqlite.close());

interface StoredText {
  readonly payload: string;
  readonly recommendation: string;
  readonly formatVersion?: number;
}

/** Inserts an assessment row as SQL sees it, bypassing the app's own checks, and returns its id. */
function insertRow(db: Database.Database, { payload, recommendation, formatVersion = 1 }: StoredText, id = `row-${(rowNumber += 1)}`): string {
  db.prepare(
    `INSERT INTO assessments (id, case_id, assessed_on, format_version, payload, recommendation, recommended_level, ruleset_version, created_at)
     VALUES (?, ?, '2026-01-01', ?, ?, ?, NULL, '2026.1', '2026-01-01T00:00:00.000Z')`,
  ).run(id, caseId, formatVersion, payload, recommendation);
  return id;
}

const keyOf = (db: Database.Database, id: string): unknown =>
  db.prepare('SELECT replay_key FROM assessment_rules_inputs WHERE assessment_id = ?').pluck().get(id);

/** What the schemas read from the stored text, or null when they refuse it (the full replay then stops with a message). */
function readBySchemas(row: StoredText): { assessment: Assessment; recommendation: Recommendation } | null {
  try {
    return {
      assessment: assessmentSchemaV1.parse(JSON.parse(row.payload)),
      recommendation: recommendationSchema.parse(JSON.parse(row.recommendation)),
    };
  } catch {
    return null;
  }
}

/** Hours as the key accepts them: written as plain decimals of at most ten characters. */
const plainHours = (hours: number | undefined) => hours === undefined || /^[0-9.]{1,10}$/.test(JSON.stringify(hours));

/**
 * The key a row must have: '' whenever the schemas refuse it; when they accept it, either '' (replayed in full) or
 * exactly the key of what they read, never another; and always that key for the text the app itself writes.
 */
function expectKeyFor(db: Database.Database, id: string, row: StoredText): void {
  const key = keyOf(db, id);
  const read = readBySchemas(row);
  if (read === null) {
    expect(key, row.payload).toBe('');
    return;
  }
  const exact = encodeReplayKey(read.assessment, read.recommendation.level);
  if (key !== '') expect(key, row.payload).toBe(exact);
  const asTheAppWrites =
    (row.formatVersion ?? 1) === 1 &&
    row.payload === JSON.stringify(read.assessment) &&
    row.recommendation === JSON.stringify(read.recommendation) &&
    !row.payload.includes('\\') &&
    Buffer.byteLength(read.assessment.id) <= 100 &&
    plainHours(read.assessment.weeklyTreatmentHours);
  if (asTheAppWrites) expect(key, row.payload).toBe(exact);
}

const storedText = (assessment: Assessment, recommendation: Recommendation = evaluateAssessment(assessment)): StoredText => ({
  payload: JSON.stringify(assessment),
  recommendation: JSON.stringify(recommendation),
});

/** Text-level changes a damaged or foreign row might have; each keeps the JSON valid. */
const payloadChange = fc.oneof(
  { weight: 8, arbitrary: fc.constant((text: string) => text) },
  corruption.map(({ apply }) => (text: string) => {
    const raw = JSON.parse(text) as Record<string, unknown>;
    apply(raw);
    return JSON.stringify(raw);
  }),
  fc.constant((text: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()))),
  fc.constant((text: string) => JSON.stringify(JSON.parse(text), null, 1)),
  fc.constantFrom('"currentLevel":"none"', '"severity":"mild"', '"id":"other"').map((extra) => (text: string) => `${text.slice(0, -1)},${extra}}`),
  fc.constant((text: string) => text.replace(/"withdrawal":(\d)/, '"withdrawal":$1.0')),
  fc.constant((text: string) => text.replace('"currentLevel":"', '"current\\u004cevel":"')),
  fc.constant((text: string) =>
    text.replace(/"severity":"(\w)/, (_match, letter: string) => `"severity":"\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ),
);
/** The array under this key with one more element in front. */
const prepend = (text: string, key: string, element: string): string =>
  text.replace(new RegExp(`"${key}":\\[(\\]?)`), (_match, closed: string) => `"${key}":[${element}${closed === '' ? ',' : ']'}`);

const recommendationChange = fc.oneof(
  { weight: 8, arbitrary: fc.constant((text: string) => text) },
  fc.constantFrom(
    (text: string) => `${text.slice(0, -1)},"extra":1}`,
    (text: string) => `${text.slice(0, -1)},"level":"inpatient"}`,
    (text: string) => text.replace(/"level":("\w+"|null)/, '"level":"admit"'),
    (text: string) => prepend(text, 'ruleIds', '1'),
    (text: string) => prepend(text, 'reasons', 'null'),
    (text: string) => prepend(text, 'missing', '["x"]'),
    (text: string) => text.replace('"level":', '"lev\\u0065l":'),
    (text: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse())),
  ),
);

describe('assessment_rules_inputs', () => {
  it('holds one key per assessment of the reference caseload, exactly the key of its payload and stored level', () => {
    const rows = sqlite.prepare('SELECT id, payload, recommendation, format_version AS formatVersion FROM assessments').all() as (StoredText & {
      id: string;
    })[];
    expect(rows).toHaveLength(REFERENCE.cases * 3);
    expect(sqlite.prepare('SELECT count(*) FROM assessment_rules_inputs').pluck().get()).toBe(rows.length);
    for (const row of rows) expectKeyFor(sqlite, row.id, row);
    expect(sqlite.prepare("SELECT count(*) FROM assessment_rules_inputs WHERE replay_key = ''").pluck().get()).toBe(0);
  });

  it('gives a key only to rows both schemas accept, and then only the key of what they read', () => {
    const seen = { keyed: 0, refused: 0, replayedInFull: 0 };
    fc.assert(
      fc.property(
        anyAssessment,
        fc.constantFrom(null, ...LEVELS),
        payloadChange,
        recommendationChange,
        fc.constantFrom(1, 1, 1, 2),
        (assessment, storedLevel, changePayload, changeRecommendation, formatVersion) => {
          const text = storedText(assessment, { ...evaluateAssessment(assessment), level: storedLevel });
          const row = { payload: changePayload(text.payload), recommendation: changeRecommendation(text.recommendation), formatVersion };
          const id = insertRow(sqlite, row);
          expectKeyFor(sqlite, id, row);
          if (keyOf(sqlite, id) !== '') seen.keyed += 1;
          else if (readBySchemas(row) === null) seen.refused += 1;
          else seen.replayedInFull += 1;
        },
      ),
      { numRuns: 1500 },
    );
    // Each outcome is met often, so the property is not passed vacuously.
    expect(Math.min(seen.keyed, seen.refused, seen.replayedInFull)).toBeGreaterThan(100);
  });

  it.each([
    ['the text the app writes', (text: string) => text, true],
    ['a repeated key, which JSON.parse reads last and SQLite first', (text: string) => `${text.slice(0, -1)},"currentLevel":"inpatient"}`, false],
    ['a rating of 5', (text: string) => text.replace('"relapse":2', '"relapse":5'), false],
    ['a criterion written "true"', (text: string) => text.replace('}}', '},"criteria":{"selfMotivated":"true"}}'), false],
    ['a rating written 2.0', (text: string) => text.replace('"relapse":2', '"relapse":2.0'), false],
    ['a key written with escapes', (text: string) => text.replace('"relapse"', '"rel\\u0061pse"'), false],
    ['keys in another order', (text: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse())), true],
    ['spaces between the values', (text: string) => JSON.stringify(JSON.parse(text), null, 2), true],
    ['an id with a quote, written with an escape', (text: string) => text.replace('"id":"named"', '"id":"na\\"med"'), false],
    ['hours of 7.5', (text: string) => `${text.slice(0, -1)},"weeklyTreatmentHours":7.5}`, true],
    ['hours just above the maximum', (text: string) => `${text.slice(0, -1)},"weeklyTreatmentHours":168.000001}`, false],
  ])('%s', (_name, change, keyed) => {
    const text = storedText({ id: 'named', assessedOn: '2026-11-20', currentLevel: 'iop', severity: 'moderate', dimensions: { relapse: 2 } });
    const row = { ...text, payload: change(text.payload) };
    const id = insertRow(sqlite, row);
    expect(keyOf(sqlite, id) !== '').toBe(keyed);
    expectKeyFor(sqlite, id, row);
  });

  it('gives no key to a payload of another format version', () => {
    const row = { ...storedText({ id: 'v2', assessedOn: '2026-11-20', currentLevel: 'none' }), formatVersion: 2 };
    expect(keyOf(sqlite, insertRow(sqlite, row))).toBe('');
  });

  it('follows an assessment that is changed or deleted, though the app never does either', () => {
    const id = insertRow(sqlite, storedText({ id: 'edited', assessedOn: '2026-11-20', currentLevel: 'none' }));
    const edited = storedText({ id: 'edited', assessedOn: '2026-11-20', currentLevel: 'iop', severity: 'severe' });
    sqlite.prepare('UPDATE assessments SET payload = ?, recommendation = ? WHERE id = ?').run(edited.payload, edited.recommendation, id);
    expectKeyFor(sqlite, id, edited);
    expect(sqlite.prepare('SELECT count(*) FROM assessment_rules_inputs WHERE assessment_id = ?').pluck().get(id)).toBe(1);
    sqlite.prepare('DELETE FROM assessments WHERE id = ?').run(id);
    expect(keyOf(sqlite, id)).toBeUndefined();
    expect(sqlite.prepare('SELECT count(*) FROM assessment_rules_inputs').pluck().get()).toBe(
      sqlite.prepare('SELECT count(*) FROM assessments').pluck().get(),
    );
  });

  it('is filled by the migration for the assessments already stored, as the trigger fills it for new ones', () => {
    const older = new Database(':memory:');
    try {
      migrate(older, STEPWISE_APPLICATION_ID, BEFORE_RULES_INPUTS);
      writeReferenceCaseload(older, REFERENCE);
      const odd = storedText({ id: 'odd', assessedOn: '2026-11-20', currentLevel: 'none' });
      const oddRows = [odd, { ...odd, formatVersion: 2 }, { ...odd, payload: JSON.stringify(JSON.parse(odd.payload), null, 2) }];
      oddRows.forEach((row, index) => {
        insertRow(sqlite, row, `odd-${index}`);
        insertRow(older, row, `odd-${index}`);
      });
      migrate(older, STEPWISE_APPLICATION_ID);
      const contents = (db: Database.Database) =>
        db.prepare('SELECT assessment_id, replay_key FROM assessment_rules_inputs ORDER BY assessment_id').all();
      expect(contents(older)).toEqual(contents(sqlite));
      expect(contents(older)).toHaveLength(REFERENCE.cases * 3 + oddRows.length);
    } finally {
      older.close();
    }
  });
});
