import type { Level } from '../domain/levels';
import type { Assessment, Criteria, CriterionName, CurrentLevel, DimensionName, Dimensions, Severity } from './assessment';

/**
 * The replay key: what rules impact needs of a stored assessment to tell whether another ruleset changes its level,
 * in 20 characters — the stored level, then the assessment's current level, severity, six ratings and eleven
 * criteria, one character each ('-' for unknown). The database writes it for every assessment, in SQL, into
 * assessment_rules_inputs (its migration); this is the same format in TypeScript, to read it back and to check the
 * two agree.
 *
 * The weekly treatment hours are left out: a level rule cannot read them (compileRuleset refuses it), so they only
 * ever add a reason or a warning, and the few assessments whose level changes are replayed from their full payload.
 */
export const REPLAY_KEY_LENGTH = 20;

// The migration's order, which never changes: keys it wrote are read with it, whatever the format's lists become.
const KEY_DIMENSIONS: readonly DimensionName[] = ['withdrawal', 'biomedical', 'psychiatric', 'readiness', 'relapse', 'environment'];
const KEY_CRITERIA: readonly CriterionName[] = [
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
];

const STORED_LEVEL_CODES: Readonly<Record<Level, string>> = { inpatient: 'I', iop: 'P', outpatient: 'O' };
const CURRENT_LEVEL_CODES: Readonly<Record<CurrentLevel, string>> = { none: 'N', inpatient: 'I', iop: 'P', outpatient: 'O' };
const SEVERITY_CODES: Readonly<Record<Severity, string>> = { mild: '1', moderate: '2', severe: '3' };
const UNKNOWN = '-';

/** Decoding tables indexed by character code (the key is decoded once per distinct key, up to one per assessment). */
function byCode<T>(entries: readonly (readonly [string, T])[]): readonly (T | undefined)[] {
  const table: (T | undefined)[] = [];
  for (const [code, value] of entries) table[code.charCodeAt(0)] = value;
  return table;
}
const inverse = <T extends string>(codes: Readonly<Record<T, string>>) =>
  byCode((Object.entries(codes) as [T, string][]).map(([value, code]) => [code, value] as const));
const STORED_LEVELS = inverse(STORED_LEVEL_CODES);
const CURRENT_LEVELS = inverse(CURRENT_LEVEL_CODES);
const SEVERITIES = inverse(SEVERITY_CODES);
const RATINGS = byCode([0, 1, 2, 3, 4].map((rating) => [String(rating), rating] as const));
const ANSWERS = byCode([['t', true] as const, ['f', false] as const]);
const UNKNOWN_CODE = UNKNOWN.charCodeAt(0);

/** The key of an assessment with its stored level, as the migration's trigger writes it for a row it can represent. */
export function encodeReplayKey(assessment: Assessment, storedLevel: Level | null): string {
  const dimensions = assessment.dimensions ?? {};
  const criteria = assessment.criteria ?? {};
  return [
    storedLevel === null ? UNKNOWN : STORED_LEVEL_CODES[storedLevel],
    CURRENT_LEVEL_CODES[assessment.currentLevel],
    assessment.severity === undefined ? UNKNOWN : SEVERITY_CODES[assessment.severity],
    ...KEY_DIMENSIONS.map((name) => String(dimensions[name] ?? UNKNOWN)),
    ...KEY_CRITERIA.map((name) => {
      const answer = criteria[name];
      return answer === undefined ? UNKNOWN : answer ? 't' : 'f';
    }),
  ].join('');
}

/** A key read back: the stored level and the rules input (no id, date or hours: the level never depends on them). */
export interface ReplayInput {
  readonly storedLevel: Level | null;
  readonly assessment: Assessment;
}

/** Reads a key back, or null for anything that is not one (the row is then replayed from its full payload). */
export function decodeReplayKey(key: string): ReplayInput | null {
  if (key.length !== REPLAY_KEY_LENGTH) return null;
  const storedCode = key.charCodeAt(0);
  const storedLevel = storedCode === UNKNOWN_CODE ? null : STORED_LEVELS[storedCode];
  const currentLevel = CURRENT_LEVELS[key.charCodeAt(1)];
  const severityCode = key.charCodeAt(2);
  const severity = severityCode === UNKNOWN_CODE ? undefined : SEVERITIES[severityCode];
  if (storedLevel === undefined || currentLevel === undefined || (severity === undefined && severityCode !== UNKNOWN_CODE)) return null;
  const dimensions: { -readonly [K in keyof Dimensions]: Dimensions[K] } = {};
  let at = 3;
  for (const name of KEY_DIMENSIONS) {
    const code = key.charCodeAt(at++);
    if (code === UNKNOWN_CODE) continue;
    const rating = RATINGS[code];
    if (rating === undefined) return null;
    dimensions[name] = rating;
  }
  const criteria: { -readonly [K in keyof Criteria]: Criteria[K] } = {};
  for (const name of KEY_CRITERIA) {
    const code = key.charCodeAt(at++);
    if (code === UNKNOWN_CODE) continue;
    const answer = ANSWERS[code];
    if (answer === undefined) return null;
    criteria[name] = answer;
  }
  const assessment: Assessment = { id: '', assessedOn: '', currentLevel, dimensions, criteria, ...(severity === undefined ? {} : { severity }) };
  return { storedLevel, assessment };
}
