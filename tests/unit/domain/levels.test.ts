import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLevel, LEVEL_LABELS, LEVEL_SHORT_LABELS, LEVELS, levelRank, type Level } from '../../../shared/domain/levels';

describe('LEVELS', () => {
  it('lists the three levels from least to most intensive', () => {
    expect(LEVELS).toEqual(['outpatient', 'iop', 'inpatient']);
  });

  it('ranks outpatient < iop < inpatient', () => {
    expect(levelRank('outpatient')).toBeLessThan(levelRank('iop'));
    expect(levelRank('iop')).toBeLessThan(levelRank('inpatient'));
  });

  it('gives every level a distinct rank, equal to its position', () => {
    expect(LEVELS.map(levelRank)).toEqual([0, 1, 2]);
  });

  it('sorts levels by intensity with levelRank', () => {
    const shuffled: Level[] = ['inpatient', 'outpatient', 'iop', 'outpatient', 'inpatient'];
    expect(shuffled.sort((a, b) => levelRank(a) - levelRank(b))).toEqual(['outpatient', 'outpatient', 'iop', 'inpatient', 'inpatient']);
  });
});

describe('level labels', () => {
  it.each([...LEVELS])('has a long and a short label for %s', (level) => {
    expect(LEVEL_LABELS[level].trim()).not.toBe('');
    expect(LEVEL_SHORT_LABELS[level].trim()).not.toBe('');
    expect(LEVEL_SHORT_LABELS[level].length).toBeLessThanOrEqual(LEVEL_LABELS[level].length);
  });

  it('labels exactly the known levels', () => {
    expect(Object.keys(LEVEL_LABELS).sort()).toEqual([...LEVELS].sort());
    expect(Object.keys(LEVEL_SHORT_LABELS).sort()).toEqual([...LEVELS].sort());
  });

  it('uses distinct labels', () => {
    expect(new Set(Object.values(LEVEL_LABELS)).size).toBe(LEVELS.length);
    expect(new Set(Object.values(LEVEL_SHORT_LABELS)).size).toBe(LEVELS.length);
  });
});

describe('isLevel', () => {
  it.each([...LEVELS])('accepts %s', (level) => {
    expect(isLevel(level)).toBe(true);
  });

  it.each(['IOP', 'Inpatient', 'OUTPATIENT', ' iop', 'iop ', '', 'detox', 'residential', 'all', 'unplaced', 'toString', '__proto__'])(
    'rejects the string %j',
    (value) => {
      expect(isLevel(value)).toBe(false);
    },
  );

  it.each([undefined, null, 0, 1, true, {}, { toString: () => 'iop' }])('rejects the non-string %j', (value) => {
    expect(isLevel(value)).toBe(false);
  });

  it('rejects an array holding a level', () => {
    expect(isLevel(['iop'])).toBe(false);
  });

  it('accepts nothing outside LEVELS', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isLevel(value)).toBe((LEVELS as readonly unknown[]).includes(value));
      }),
    );
  });
});
