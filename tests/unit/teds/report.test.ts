import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retroReportSchema, type RetroDataset } from '../../../shared/contract/retro';
import { LEVELS } from '../../../shared/domain/levels';
import { TEDS_LOS_RANGES, TEDS_REASONS, TEDS_SETTINGS, type StayRange } from '../../../shared/teds/codes';
import { buildRetroReport, stayBinOf, type RetroTally } from '../../../shared/teds/report';

const DATASET: RetroDataset = {
  id: 'ds-1',
  format: 'coded',
  fileName: 'teds.csv',
  importedAt: '2026-11-29T10:00:00.000Z',
  importedBy: 'Sam',
  records: 0,
  dischargeYears: [2022],
};

const tally = (overrides: Partial<RetroTally> = {}): RetroTally => ({
  admissionSetting: 7,
  dischargeSetting: 7,
  reason: 1,
  stay: { min: 5, max: 5 },
  recommendedLevel: null,
  count: 1,
  ...overrides,
});

const anyStay: fc.Arbitrary<StayRange | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...Object.values(TEDS_LOS_RANGES)),
  fc.constantFrom({ min: 1, max: 7 }, { min: 8, max: 30 }, { min: 31, max: 90 }, { min: 366, max: null }),
);
const anyTally: fc.Arbitrary<RetroTally> = fc.record({
  admissionSetting: fc.option(fc.constantFrom(...TEDS_SETTINGS), { nil: null }),
  dischargeSetting: fc.option(fc.constantFrom(...TEDS_SETTINGS), { nil: null }),
  reason: fc.option(fc.constantFrom(...TEDS_REASONS), { nil: null }),
  stay: anyStay,
  recommendedLevel: fc.option(fc.constantFrom(...LEVELS), { nil: null }),
  count: fc.integer({ min: 1, max: 50 }),
});
const total = (tallies: readonly RetroTally[]) => tallies.reduce((sum, entry) => sum + entry.count, 0);
const sum = (counts: readonly { count: number }[]) => counts.reduce((acc, entry) => acc + entry.count, 0);

describe('stayBinOf', () => {
  it.each([
    [
      { min: 1, max: 1 },
      { label: '1–7 days', min: 1, max: 7 },
    ],
    [
      { min: 7, max: 7 },
      { label: '1–7 days', min: 1, max: 7 },
    ],
    [
      { min: 8, max: 8 },
      { label: '8–30 days', min: 8, max: 30 },
    ],
    [
      { min: 30, max: 30 },
      { label: '8–30 days', min: 8, max: 30 },
    ],
    [
      { min: 31, max: 45 },
      { label: '31–45 days', min: 31, max: 45 },
    ],
    [
      { min: 31, max: 90 },
      { label: '31–90 days', min: 31, max: 90 },
    ],
    [
      { min: 1, max: 7 },
      { label: '1–7 days', min: 1, max: 7 },
    ],
    [
      { min: 366, max: null },
      { label: 'More than a year', min: 366, max: null },
    ],
    [
      { min: 400, max: null },
      { label: '400 days or more', min: 400, max: null },
    ],
    [
      { min: 40, max: 40 },
      { label: '40 days', min: 40, max: 40 },
    ],
    [null, { label: 'Not recorded', min: null, max: null }],
  ] as const)('%j is counted in %j', (stay, bin) => {
    expect(stayBinOf(stay)).toEqual(bin);
  });

  it('always holds the stay: a bin never claims more precision than the record has', () => {
    fc.assert(
      fc.property(
        anyStay.filter((stay) => stay !== null),
        (stay) => {
          const bin = stayBinOf(stay);
          expect(bin.min).not.toBeNull();
          expect(stay.min).toBeGreaterThanOrEqual(bin.min ?? 0);
          if (bin.max !== null) expect(stay.max ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(bin.max);
          else expect(stay.max).toBeNull();
        },
      ),
    );
  });
});

describe('buildRetroReport', () => {
  it('lists every setting with its level and withdrawal flag, even with no records', () => {
    const report = buildRetroReport(DATASET, []);
    expect(report.settings.map((entry) => [entry.setting, entry.level, entry.withdrawalManagement, entry.admissions, entry.discharges])).toEqual([
      [1, 'inpatient', true, 0, 0],
      [2, 'inpatient', true, 0, 0],
      [3, 'inpatient', false, 0, 0],
      [4, 'inpatient', false, 0, 0],
      [5, 'inpatient', false, 0, 0],
      [6, 'iop', false, 0, 0],
      [7, 'outpatient', false, 0, 0],
      [8, 'outpatient', true, 0, 0],
    ]);
    expect(report).toMatchObject({ missingSetting: { admission: 0, discharge: 0 }, transitions: [], outcomes: [], lengthOfStay: [] });
    expect(report.concordance).toEqual({
      records: 0,
      withRecommendation: 0,
      matching: 0,
      insufficientData: 0,
      byLevel: LEVELS.map((level) => ({ level, withRecommendation: 0, matching: 0, insufficientData: 0 })),
    });
  });

  it('counts settings, transitions, outcomes and stays of a small dataset', () => {
    const report = buildRetroReport(DATASET, [
      tally({ admissionSetting: 2, dischargeSetting: 4, reason: 4, stay: { min: 3, max: 3 }, recommendedLevel: 'inpatient', count: 2 }),
      tally({ admissionSetting: 2, dischargeSetting: 2, reason: 1, stay: { min: 10, max: 10 } }),
      tally({ admissionSetting: 7, dischargeSetting: null, reason: null, stay: null, recommendedLevel: 'inpatient' }),
      tally({ admissionSetting: null, dischargeSetting: 6, reason: 2, stay: { min: 31, max: 45 }, recommendedLevel: 'inpatient' }),
      tally({ admissionSetting: 6, dischargeSetting: 6, reason: 2, stay: { min: 31, max: 45 }, count: 3 }),
    ]);
    expect(
      report.settings.filter((entry) => entry.admissions + entry.discharges > 0).map((entry) => [entry.setting, entry.admissions, entry.discharges]),
    ).toEqual([
      [2, 3, 1],
      [4, 0, 2],
      [6, 3, 4],
      [7, 1, 0],
    ]);
    expect(report.missingSetting).toEqual({ admission: 1, discharge: 1 });
    expect(report.transitions).toEqual([
      { from: 2, to: 2, count: 1 },
      { from: 2, to: 4, count: 2 },
      { from: 6, to: 6, count: 3 },
    ]);
    expect(report.outcomes).toEqual([
      { setting: 2, reason: 1, label: 'Treatment completed', endReason: 'completed', count: 1 },
      { setting: 4, reason: 4, label: 'Transferred', endReason: 'transferred', count: 2 },
      { setting: 6, reason: 2, label: 'Dropped out', endReason: 'dropped-out', count: 4 },
      { setting: null, reason: null, label: 'Not recorded', endReason: null, count: 1 },
    ]);
    expect(report.lengthOfStay).toEqual([
      { setting: 2, bin: { label: '8–30 days', min: 8, max: 30 }, count: 1 },
      { setting: 4, bin: { label: '1–7 days', min: 1, max: 7 }, count: 2 },
      { setting: 6, bin: { label: '31–45 days', min: 31, max: 45 }, count: 4 },
      { setting: null, bin: { label: 'Not recorded', min: null, max: null }, count: 1 },
    ]);
  });

  it('compares the recommendation with the admission setting’s level, and counts what it cannot compare as insufficient data', () => {
    const report = buildRetroReport(DATASET, [
      tally({ admissionSetting: 2, recommendedLevel: 'inpatient', count: 4 }),
      tally({ admissionSetting: 7, recommendedLevel: 'inpatient', count: 3 }),
      tally({ admissionSetting: 8, recommendedLevel: 'outpatient', count: 1 }),
      tally({ admissionSetting: 6, recommendedLevel: null, count: 5 }),
      tally({ admissionSetting: null, recommendedLevel: 'inpatient', count: 2 }),
    ]);
    expect(report.concordance).toEqual({
      records: 15,
      withRecommendation: 8,
      matching: 5,
      insufficientData: 7,
      byLevel: [
        { level: 'outpatient', withRecommendation: 4, matching: 1, insufficientData: 0 },
        { level: 'iop', withRecommendation: 0, matching: 0, insufficientData: 5 },
        { level: 'inpatient', withRecommendation: 4, matching: 4, insufficientData: 0 },
      ],
    });
  });

  it('adds up: every record is counted once in each view', () => {
    fc.assert(
      fc.property(fc.array(anyTally, { maxLength: 40 }), (tallies) => {
        const report = buildRetroReport(DATASET, tallies);
        const records = total(tallies);
        expect(report.settings.reduce((acc, entry) => acc + entry.admissions, 0) + report.missingSetting.admission).toBe(records);
        expect(report.settings.reduce((acc, entry) => acc + entry.discharges, 0) + report.missingSetting.discharge).toBe(records);
        expect(sum(report.transitions)).toBe(total(tallies.filter((entry) => entry.admissionSetting !== null && entry.dischargeSetting !== null)));
        expect(sum(report.outcomes)).toBe(records);
        expect(sum(report.lengthOfStay)).toBe(records);
        const { concordance } = report;
        expect(concordance.records).toBe(records);
        expect(concordance.withRecommendation + concordance.insufficientData).toBe(records);
        expect(concordance.matching).toBeLessThanOrEqual(concordance.withRecommendation);
        const byLevel = concordance.byLevel.reduce((acc, entry) => acc + entry.withRecommendation + entry.insufficientData, 0);
        expect(byLevel + report.missingSetting.admission).toBe(records);
        expect(retroReportSchema.safeParse(report).success).toBe(true);
      }),
    );
  });

  it('is the same whether records come one by one or grouped, in any order', () => {
    fc.assert(
      fc.property(fc.array(anyTally, { maxLength: 20 }), (tallies) => {
        const single = tallies.flatMap((entry) => Array.from({ length: entry.count }, () => ({ ...entry, count: 1 })));
        expect(buildRetroReport(DATASET, [...single].reverse())).toEqual(buildRetroReport(DATASET, tallies));
      }),
    );
  });

  it('lists each transition, outcome and stay group once', () => {
    fc.assert(
      fc.property(fc.array(anyTally, { maxLength: 40 }), (tallies) => {
        const report = buildRetroReport(DATASET, tallies);
        const unique = (keys: string[]) => expect(new Set(keys).size).toBe(keys.length);
        unique(report.transitions.map((entry) => `${entry.from}>${entry.to}`));
        unique(report.outcomes.map((entry) => `${entry.setting}|${entry.reason}`));
        unique(report.lengthOfStay.map((entry) => `${entry.setting}|${entry.bin.min}|${entry.bin.max}`));
        for (const entry of [...report.transitions, ...report.outcomes, ...report.lengthOfStay]) expect(entry.count).toBeGreaterThan(0);
      }),
    );
  });

  it('holds no date, no mean and no day count beyond the dataset’s own import time', () => {
    const report = buildRetroReport(DATASET, [tally({ stay: { min: 5, max: 5 } }), tally({ stay: { min: 12, max: 12 } })]);
    const keys: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item) => walk(item, path));
      else if (value && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) {
          keys.push(`${path}.${key}`);
          walk(inner, `${path}.${key}`);
        }
    };
    walk(report, 'report');
    expect(keys.filter((key) => /date|day|mean|median|average/i.test(key) || /(_on|On|At)$/.test(key))).toEqual(['report.dataset.importedAt']);
    expect(JSON.stringify(report.lengthOfStay)).not.toMatch(/"(min|max)":(5|12)\b/);
  });
});
