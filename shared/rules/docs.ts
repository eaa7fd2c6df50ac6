import { LEVEL_LABELS, LEVELS } from '../domain/levels';
import {
  CRITERIA,
  CRITERION_LABELS,
  CURRENT_LEVELS,
  DIMENSION_LABELS,
  DIMENSIONS,
  LOGISTICS_CRITERIA,
  MAX_ID_LENGTH,
  MAX_WEEKLY_TREATMENT_HOURS,
  PROTECTIVE_CRITERIA,
  RISK_CRITERIA,
  SEVERITIES,
  type CriterionName,
} from './assessment';
import { currentRuleset, RULESETS } from './registry';
import { isLevelRule, type Condition, type Rule, type Ruleset } from './rule';
import { SEED_ARTICLES, SEED_CRITERIA, type SeedCriterion } from './seedCriteria';

export const RULES_DOC_PATH = 'docs/RULES.md';

/** Renders docs/RULES.md: the same text for the same rulesets, so a test can catch a stale file. */
export function renderRulesDoc(
  ruleset: Ruleset = currentRuleset,
  rulesets: readonly Ruleset[] = RULESETS,
  seedCriteria: readonly SeedCriterion[] = SEED_CRITERIA,
): string {
  const sections = [
    [
      '# Care-level rules',
      '<!-- Generated from shared/rules by scripts/generate-rules-doc.ts. Do not edit by hand; a unit test fails when this file is out of date. -->',
      `Current ruleset: **${ruleset.version}** (released ${ruleset.releasedOn}). ${ruleset.summary}`,
      'Released ruleset versions (every one stays loadable, so a stored recommendation can be replayed under the version that produced it):',
      list(
        rulesets.map((released) => `\`${released.version}\`, released ${released.releasedOn}, ${released.rules.length} rules: ${released.summary}`),
      ),
    ],
    HOW_IT_DECIDES,
    formatSection(),
    [`## Rules in ruleset ${ruleset.version}`, ...rulesSection(ruleset)],
    ['## Seed criteria', SEED_INTRO, ...seedSection(ruleset, seedCriteria)],
  ];
  return `${sections.map((parts) => parts.join('\n\n')).join('\n\n')}\n`;
}

const HOW_IT_DECIDES = [
  '## How a recommendation is made',
  list([
    'Levels are ordered outpatient < IOP < inpatient/residential. Each level rule indicates one level; the most intensive level indicated wins, and only the rules for that level are cited.',
    'A field left out of the assessment is unknown, not invalid. Conditions use three-valued logic: a condition that needs an unknown fact neither fires nor fails.',
    'Inpatient rules may decide on partial information: if one fires on what is known, the level is inpatient, because no further answer can lower it. `missing` still lists every unknown field.',
    'Otherwise a level is recommended only when nothing is missing: severity, all six dimensions and all eleven criteria (`weeklyTreatmentHours` is optional by design and never missing). If any of them is unknown the level is `null` (never a guess) and `missing` lists every unknown field.',
    'Reason and warning rules are applied after the level is decided and never change it. A flexible schedule (logistics) and a lack of self-motivation (engagement) only add a sentence.',
    'The transition compares `currentLevel` with the recommended level: none gives `admit`, the same level `continue`, a more intensive level `step-up`, a less intensive one `step-down`; a `null` level gives a `null` transition.',
  ]),
];

function formatSection(): string[] {
  const category = (name: CriterionName): string =>
    (RISK_CRITERIA as readonly string[]).includes(name)
      ? 'risk'
      : (PROTECTIVE_CRITERIA as readonly string[]).includes(name)
        ? 'protective'
        : 'logistics';
  return [
    `## Assessment interchange format, version 1`,
    'JSON, used by the batch CLI now and by import and export later. Unknown keys are rejected (so a misspelt field is reported, not ignored); a value of the wrong type or range is a field-level error such as `{ "field": "dimensions.withdrawal", "message": "..." }`. A field that is unknown is left out rather than set to `null`.',
    'A file is a JSON array of assessments (or one assessment). A file exported by Stepwise wraps the array so that it carries the 42 CFR part 2 redisclosure notice: `{ "notice": "...", "assessments": [...] }`; the CLI reads an object with exactly these two keys as its array. Exported ids are the case\'s MRN and the assessment date, `MRN#YYYY-MM-DD`, with `#2`, `#3`, … added for further assessments of the same case on the same day.',
    list([
      `\`id\` (required): the caller's id, 1 to ${MAX_ID_LENGTH} characters, echoed back in the output.`,
      '`assessedOn` (required): the assessment date as YYYY-MM-DD; a date after today is rejected.',
      `\`currentLevel\` (required): where the person is now: ${CURRENT_LEVELS.map(code).join(', ')}.`,
      `\`severity\` (optional): substance use disorder severity: ${SEVERITIES.map(code).join(', ')}. Left out when not yet known, in which case it is listed in \`missing\`.`,
      `\`dimensions\` (optional object): integer risk ratings from 0 (none) to 4 (severe), each optional: ${DIMENSIONS.map((name) => `${code(name)} (${DIMENSION_LABELS[name]})`).join(', ')}.`,
      `\`criteria\` (optional object): true or false, each optional. Risk criteria: ${RISK_CRITERIA.map(code).join(', ')}. Protective: ${PROTECTIVE_CRITERIA.map(code).join(', ')}. Logistics: ${LOGISTICS_CRITERIA.map(code).join(', ')}.`,
      `\`weeklyTreatmentHours\` (optional): hours attended last week at the current level, 0 to ${MAX_WEEKLY_TREATMENT_HOURS}. Optional by design, so never listed in \`missing\`.`,
    ]),
    'Criteria in the order of the format:',
    list(CRITERIA.map((name) => `${code(name)} (${category(name)}): ${CRITERION_LABELS[name]}.`)),
    '## Output',
    'One object per assessment, in input order: `{ "id", "level", "transition", "ruleIds", "reasons", "warnings", "rulesetVersion", "missing" }`. `level` is one of inpatient, iop, outpatient or `null`; `transition` one of admit, continue, step-up, step-down or `null`; `ruleIds` lists every rule that fired (level rules first, then reason and warning rules, in ruleset order); `reasons` and `warnings` are the plain-language sentences of those rules; `missing` lists the dotted paths of unknown fields. In a batch an invalid item gets `{ "id", "error": { "field", "message" } }` in its slot instead.',
  ];
}

function rulesSection(ruleset: Ruleset): string[] {
  const topLevel = LEVELS[LEVELS.length - 1];
  const levelGroups = [...LEVELS].reverse().map((level) => ({
    title: `### ${LEVEL_LABELS[level]}`,
    rules: ruleset.rules.filter((rule) => isLevelRule(rule) && rule.effect.level === level),
    effect: level === topLevel ? `Requires ${level}.` : `Indicates ${level} when no more intensive level is indicated.`,
  }));
  const notes = { title: '### Reasons and warnings (never change the level)', rules: ruleset.rules.filter((rule) => !isLevelRule(rule)), effect: '' };
  return [...levelGroups, notes].flatMap(({ title, rules, effect }) => [title, ...rules.map((rule) => describeRule(rule, effect))]);
}

function describeRule(rule: Rule, levelEffect: string): string {
  const effect = rule.effect.kind === 'level' ? levelEffect : rule.effect.kind === 'warning' ? 'Adds a warning.' : 'Adds a reason.';
  return [
    `#### ${rule.id}`,
    rule.statement,
    list([
      `Effect: ${effect}`,
      `When: ${describeCondition(rule.when)}`,
      `Reported as: ${rule.reason}`,
      `Seed criteria: ${rule.seedCriteria.join(', ')}`,
    ]),
  ].join('\n\n');
}

/** A condition in compact words, for the docs and the Rules page. */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map((part) => nested(part, 'any')).join(' and ');
  if ('any' in condition) return condition.any.map((part) => nested(part, 'all')).join(' or ');
  if ('criterion' in condition) return code(`criteria.${condition.criterion} = ${String(condition.is)}`);
  if ('severityIn' in condition) return code(`severity in (${condition.severityIn.join(', ')})`);
  if ('dimension' in condition) {
    const { dimension } = condition;
    const subject = dimension === 'any' ? 'any dimension' : dimension === 'every' ? 'every dimension' : `dimensions.${dimension}`;
    return code('atLeast' in condition ? `${subject} >= ${condition.atLeast}` : `${subject} <= ${condition.atMost}`);
  }
  if ('currentLevelIn' in condition) return code(`currentLevel in (${condition.currentLevelIn.join(', ')})`);
  if ('weeklyTreatmentHoursBelow' in condition) return code(`weeklyTreatmentHours < ${condition.weeklyTreatmentHoursBelow}`);
  return code(`recommended level in (${condition.recommendedLevelIn.join(', ')})`);
}

function nested(part: Condition, needsParentheses: 'all' | 'any'): string {
  const text = describeCondition(part);
  return needsParentheses in part ? `(${text})` : text;
}

const SEED_INTRO =
  'Every placement-relevant statement in the five public seed articles, paraphrased. Each is encoded by the rules listed, or the reason it is not a placement criterion is given.';

function seedSection(ruleset: Ruleset, seedCriteria: readonly SeedCriterion[]): string[] {
  return SEED_ARTICLES.flatMap((article) => [
    `### ${article.key}: ${article.title}`,
    `Source file: \`${article.file}\``,
    list(
      seedCriteria
        .filter((criterion) => criterion.article === article.key)
        .map((criterion) => {
          const encodedBy = ruleset.rules.filter((rule) => (rule.seedCriteria as readonly string[]).includes(criterion.id)).map((rule) => rule.id);
          const status =
            encodedBy.length > 0
              ? `Encoded by ${encodedBy.join(', ')}.`
              : `Not encoded. ${criterion.notEncodedBecause ?? 'no rule in this version.'}`;
          return `**${criterion.id}**: ${criterion.paraphrase} ${status}`;
        }),
    ),
  ]);
}

function list(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

function code(text: string): string {
  return `\`${text}\``;
}
