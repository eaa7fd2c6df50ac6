import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { FORMULA_TRIGGERS } from '../../../shared/domain/csvColumns';
import { csvCell, csvDocument, neutralizeFormula } from '../../../shared/exports/csvCells';

describe('the formula guard', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('prefixes %j with an apostrophe', (text, guarded) => {
    expect(neutralizeFormula(text)).toBe(guarded);
  });

  it.each(['Jane Doe', 'A-17', '2026-03-04', "O'Brien", ' =not first', 'Zoë Ångström', ''])('leaves %j as it is', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });

  it('never leaves a cell that starts with a trigger, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const guarded = neutralizeFormula(text);
        expect(FORMULA_TRIGGERS.some((trigger) => guarded.startsWith(trigger))).toBe(false);
        expect(guarded === text || guarded === `'${text}`).toBe(true);
      }),
    );
  });
});

describe('a CSV cell', () => {
  it('writes answers as yes/no, numbers as digits and nothing as an empty cell', () => {
    expect([true, false, 0, 4, 7.5, null, undefined, Number.NaN].map(csvCell)).toEqual(['yes', 'no', '0', '4', '7.5', '', '', '']);
  });

  it('guards text against formulas', () => {
    expect(csvCell('=1+1')).toBe(`'=1+1`);
  });
});

describe('a CSV document', () => {
  it('has the notice alone on the first line, the header second, then the cells in header order', () => {
    const rows = csvDocument(['mrn', 'name', 'active'] as const, [
      { mrn: 'A-1', name: '=cmd', active: true },
      { name: 'Zoë', mrn: 'B-2', active: null },
    ]);
    expect(rows).toEqual([[REDISCLOSURE_NOTICE], ['mrn', 'name', 'active'], ['A-1', `'=cmd`, 'yes'], ['B-2', 'Zoë', '']]);
  });
});
