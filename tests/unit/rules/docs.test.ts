import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCondition, renderRulesDoc, RULES_DOC_PATH } from '../../../shared/rules/docs';
import { currentRuleset } from '../../../shared/rules/registry';
import { SEED_CRITERIA } from '../../../shared/rules/seedCriteria';

const committedDoc = (): string => readFileSync(new URL(`../../../${RULES_DOC_PATH}`, import.meta.url), 'utf8');

describe('docs/RULES.md', () => {
  it('is exactly what the generator produces (run the rules doc generator after changing a rule)', () => {
    expect(committedDoc(), 'docs/RULES.md is stale: regenerate it with scripts/generate-rules-doc.ts').toBe(renderRulesDoc());
  });

  it('lists every rule with its level and seed criteria, and every seed criterion with its encoding or reason', () => {
    const doc = renderRulesDoc();
    for (const rule of currentRuleset.rules) {
      const section = doc.slice(doc.indexOf(`#### ${rule.id}\n`)).split('\n#### ')[0] ?? '';
      expect(section).toContain(rule.statement);
      expect(section).toContain(`Seed criteria: ${rule.seedCriteria.join(', ')}`);
      if (rule.effect.kind === 'level') expect(section).toContain(rule.effect.level);
    }
    for (const criterion of SEED_CRITERIA) {
      const line = doc.split('\n').find((text) => text.startsWith(`- **${criterion.id}**:`)) ?? '';
      expect(line).toContain(criterion.paraphrase);
      expect(line).toMatch('notEncodedBecause' in criterion ? /Not encoded\. / : /Encoded by [A-Z]/);
    }
  });

  it('describes conditions compactly, with parentheses where and/or nest', () => {
    expect(
      describeCondition({
        all: [
          { severityIn: ['mild'] },
          {
            any: [
              { dimension: 'any', atLeast: 2 },
              { criterion: 'safeSoberHousing', is: false },
            ],
          },
        ],
      }),
    ).toBe('`severity in (mild)` and (`any dimension >= 2` or `criteria.safeSoberHousing = false`)');
    expect(describeCondition({ all: [{ currentLevelIn: ['iop'] }, { weeklyTreatmentHoursBelow: 9 }] })).toBe(
      '`currentLevel in (iop)` and `weeklyTreatmentHours < 9`',
    );
  });
});
