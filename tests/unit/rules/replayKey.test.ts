import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../shared/domain/levels';
import { CRITERIA, DIMENSIONS } from '../../../shared/rules/assessment';
import { evaluateAssessment, recommendLevel } from '../../../shared/rules/evaluate';
import { RULESETS } from '../../../shared/rules/registry';
import { decodeReplayKey, encodeReplayKey, REPLAY_KEY_LENGTH } from '../../../shared/rules/replayKey';
import { STRICTER_RELAPSE } from '../../factories/rulesets';
import { anyAssessment } from './arbitraries';

const REGISTRY = [...RULESETS, STRICTER_RELAPSE];
const storedLevel = fc.constantFrom(null, ...LEVELS);

describe('the replay key', () => {
  it('has one character for the stored level, the current level, the severity and each rating and criterion', () => {
    expect(REPLAY_KEY_LENGTH).toBe(3 + DIMENSIONS.length + CRITERIA.length);
    fc.assert(fc.property(anyAssessment, storedLevel, (assessment, level) => encodeReplayKey(assessment, level).length === REPLAY_KEY_LENGTH));
  });

  it('reads back the stored level and an input every released ruleset (and a changed one) gives the same level as the full assessment', () => {
    fc.assert(
      fc.property(anyAssessment, storedLevel, (assessment, level) => {
        const input = decodeReplayKey(encodeReplayKey(assessment, level));
        expect(input?.storedLevel).toBe(level);
        for (const ruleset of REGISTRY) {
          // The hours are not in the key: compileRuleset refuses a level rule that reads them (ruleset.test.ts).
          expect(input && recommendLevel(input.assessment, ruleset)).toBe(evaluateAssessment(assessment, ruleset).level);
        }
        expect(input && encodeReplayKey(input.assessment, level)).toBe(encodeReplayKey(assessment, level));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes an unknown rating, criterion or severity as a dash', () => {
    expect(encodeReplayKey({ id: 'a', assessedOn: '2026-11-29', currentLevel: 'none' }, null)).toBe('-N-' + '------' + '-----------');
    const partial = {
      id: 'a',
      assessedOn: '2026-11-29',
      currentLevel: 'iop',
      severity: 'severe',
      dimensions: { relapse: 4 },
      criteria: { selfMotivated: false },
    } as const;
    expect(encodeReplayKey(partial, 'inpatient')).toBe('IP3' + '----4-' + '---------f-');
  });

  it('is null for anything that is not a key, so the assessment is replayed in full', () => {
    for (const text of [
      '',
      'P',
      'PN2001121ffffttffftf?',
      'XN2001121ffffttffftf',
      'PX2001121ffffttffftf',
      'PN7001121ffffttffftf',
      'PN2501121ffffttffftf',
      'PN2001121ffffttffftx',
    ]) {
      expect(decodeReplayKey(text), text).toBeNull();
    }
    expect(decodeReplayKey('PN2001121ffffttffftf')).not.toBeNull();
  });
});

describe('recommendLevel', () => {
  it('is the level evaluateAssessment recommends, under every ruleset', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) =>
        REGISTRY.every((ruleset) => recommendLevel(assessment, ruleset) === evaluateAssessment(assessment, ruleset).level),
      ),
      { numRuns: 2000 },
    );
  });
});
