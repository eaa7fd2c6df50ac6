import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENT_RULESET_VERSION } from '../../../shared/rules/registry';
import { recommendForTedsRecord, tedsCriteria, TEDS_RULE_INPUTS } from '../../../shared/teds/assessment';

describe('TEDS-D fields as rule inputs', () => {
  it('maps only homelessness at admission, to "no safe, sober place to live"', () => {
    expect(TEDS_RULE_INPUTS.map((entry) => [entry.field, entry.input])).toEqual([['LIVARAG', 'criteria.safeSoberHousing']]);
    expect(tedsCriteria({ livingArrangement: 1 })).toEqual({ safeSoberHousing: false });
  });

  it.each([2, 3, null] as const)('leaves housing unknown for living arrangement %s: a home is not known to be safe or sober', (living) => {
    expect(tedsCriteria({ livingArrangement: living })).toEqual({});
  });

  it('recommends inpatient care for a record of homelessness at admission, with the ruleset version', () => {
    expect(recommendForTedsRecord({ livingArrangement: 1 })).toEqual({ level: 'inpatient', rulesetVersion: CURRENT_RULESET_VERSION });
  });

  it('gives no level (insufficient data) for every other record, never a guess', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 3, null), (living) => {
        expect(recommendForTedsRecord({ livingArrangement: living })).toEqual({ level: null, rulesetVersion: CURRENT_RULESET_VERSION });
      }),
    );
  });

  it('returns only a level and a version: no date leaves the evaluation', () => {
    expect(Object.keys(recommendForTedsRecord({ livingArrangement: 1 })).sort()).toEqual(['level', 'rulesetVersion']);
  });
});
