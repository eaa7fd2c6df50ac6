import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCaseInputSchema } from '../../../shared/contract/cases';
import { isoDateSchema } from '../../../shared/contract/fields';
import { MRN_PATTERN, SYNTHETIC_MRN_PREFIX } from '../../../shared/domain/case';
import { ageOn, isAfter } from '../../../shared/domain/dates';
import { LEVELS } from '../../../shared/domain/levels';
import { DEMO_CASELOAD_SIZE, DEMO_SEED } from '../../../shared/synthetic/demo';
import { generateSyntheticCaseload, type SyntheticCase } from '../../../shared/synthetic/caseload';

const TODAY = '2026-03-01';

function caseload(seed: number, count: number, today: string = TODAY): SyntheticCase[] {
  return generateSyntheticCaseload({ seed, count, today });
}

function levelCounts(cases: readonly SyntheticCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(String(c.level), (counts.get(String(c.level)) ?? 0) + 1);
  return counts;
}

describe('generateSyntheticCaseload: determinism', () => {
  it('returns the same caseload for the same seed', () => {
    expect(caseload(42, 200)).toEqual(caseload(42, 200));
    expect(caseload(DEMO_SEED, DEMO_CASELOAD_SIZE)).toEqual(caseload(DEMO_SEED, DEMO_CASELOAD_SIZE));
  });

  it('returns a different caseload for a different seed', () => {
    const a = caseload(1, 50);
    const b = caseload(2, 50);
    expect(a).not.toEqual(b);
    expect(a.map((c) => c.fullName)).not.toEqual(b.map((c) => c.fullName));
    expect(a.map((c) => c.dateOfBirth)).not.toEqual(b.map((c) => c.dateOfBirth));
  });

  it('is deterministic and seed-sensitive for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        expect(caseload(seed, 20)).toEqual(caseload(seed, 20));
        expect(caseload(seed, 20)).not.toEqual(caseload(seed + 1, 20));
      }),
      { numRuns: 50 },
    );
  });

  it('extends a smaller caseload with the same seed instead of reshuffling it', () => {
    expect(caseload(7, 100).slice(0, 25)).toEqual(caseload(7, 25));
  });

  it('varies from one case to the next', () => {
    const cases = caseload(3, 100);
    expect(new Set(cases.map((c) => c.dateOfBirth)).size).toBeGreaterThan(90);
    expect(new Set(cases.map((c) => c.fullName)).size).toBeGreaterThan(50);
    expect(new Set(cases.map((c) => c.openedDaysAgo)).size).toBeGreaterThan(50);
  });
});

describe('generateSyntheticCaseload: size and identifiers', () => {
  it.each([0, 1, 2, DEMO_CASELOAD_SIZE, 1000])('returns exactly %i cases', (count) => {
    expect(caseload(11, count)).toHaveLength(count);
  });

  it('gives every case a unique MRN with the DEMO- prefix, numbered from 1', () => {
    const cases = caseload(5, 1000);
    const mrns = cases.map((c) => c.mrn);
    expect(new Set(mrns).size).toBe(mrns.length);
    for (const mrn of mrns) {
      expect(mrn.startsWith(SYNTHETIC_MRN_PREFIX)).toBe(true);
      expect(mrn).toMatch(MRN_PATTERN);
    }
    expect(SYNTHETIC_MRN_PREFIX).toBe('DEMO-');
    expect(mrns[0]).toBe('DEMO-000001');
    expect(mrns[999]).toBe('DEMO-001000');
  });

  it('produces cases that the create-case contract accepts', () => {
    for (const c of caseload(9, 300)) {
      const result = createCaseInputSchema.safeParse({
        mrn: c.mrn,
        fullName: c.fullName,
        dateOfBirth: c.dateOfBirth,
        program: c.program,
      });
      expect(result.error?.issues ?? [], c.mrn).toEqual([]);
    }
  });

  it('uses a first and last name, a demo programme and an opening date within two years', () => {
    for (const c of caseload(13, 500)) {
      expect(c.fullName).toMatch(/^\S+ \S+$/);
      expect(c.program).toMatch(/^Demo /);
      expect(Number.isInteger(c.openedDaysAgo)).toBe(true);
      expect(c.openedDaysAgo).toBeGreaterThanOrEqual(0);
      expect(c.openedDaysAgo).toBeLessThanOrEqual(720);
    }
  });
});

describe('generateSyntheticCaseload: dates of birth', () => {
  it.each([TODAY, '2024-02-29', '2025-01-01', '2026-12-31', '2000-03-01'])('gives adults aged 18 to 75 on %s', (today) => {
    for (const c of caseload(17, 1000, today)) {
      expect(isoDateSchema.safeParse(c.dateOfBirth).success, c.dateOfBirth).toBe(true);
      expect(isAfter(c.dateOfBirth, today)).toBe(false);
      const age = ageOn(c.dateOfBirth, today);
      expect(age, `${c.dateOfBirth} on ${today}`).toBeGreaterThanOrEqual(18);
      expect(age, `${c.dateOfBirth} on ${today}`).toBeLessThanOrEqual(75);
    }
  });

  it('keeps every age within 18 to 75 for any seed and any day', () => {
    const today = fc
      .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), today, (seed, on) => {
        for (const c of caseload(seed, 30, on)) {
          expect(isoDateSchema.safeParse(c.dateOfBirth).success).toBe(true);
          const age = ageOn(c.dateOfBirth, on);
          expect(age).toBeGreaterThanOrEqual(18);
          expect(age).toBeLessThanOrEqual(75);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('spreads ages across the adult range', () => {
    const ages = caseload(19, 1000).map((c) => ageOn(c.dateOfBirth, TODAY));
    expect(Math.min(...ages)).toBeLessThanOrEqual(20);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(70);
  });
});

describe('generateSyntheticCaseload: levels of care', () => {
  it('uses only the known levels or null', () => {
    const allowed = new Set<unknown>([...LEVELS, null]);
    for (const c of caseload(23, 1000)) expect(allowed.has(c.level), String(c.level)).toBe(true);
  });

  it.each([1, 23, DEMO_SEED])('has a realistic mix over 1,000 cases (seed %i)', (seed) => {
    const counts = levelCounts(caseload(seed, 1000));
    const outpatient = counts.get('outpatient') ?? 0;
    const iop = counts.get('iop') ?? 0;
    const inpatient = counts.get('inpatient') ?? 0;
    const unplaced = counts.get('null') ?? 0;
    expect(inpatient).toBeGreaterThan(0);
    expect(iop).toBeGreaterThan(0);
    expect(outpatient).toBeGreaterThan(iop);
    expect(outpatient).toBeGreaterThan(inpatient);
    expect(outpatient).toBeGreaterThan(unplaced);
    expect(outpatient).toBeGreaterThan(350);
    expect(outpatient).toBeLessThan(550);
    expect(unplaced).toBeLessThan(100);
    expect(outpatient + iop + inpatient + unplaced).toBe(1000);
  });

  it('includes every level in the fixed demo caseload', () => {
    const counts = levelCounts(caseload(DEMO_SEED, DEMO_CASELOAD_SIZE));
    for (const level of LEVELS) expect(counts.get(level) ?? 0, level).toBeGreaterThan(0);
  });
});
