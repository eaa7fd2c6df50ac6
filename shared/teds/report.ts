import type { RetroDataset, RetroReport } from '../contract/retro';
import { LEVELS, type Level } from '../domain/levels';
import { TEDS_REASON_INFO, TEDS_SETTING_INFO, TEDS_SETTINGS, type StayRange, type TedsReason, type TedsSetting } from './codes';

/**
 * What the report needs of a record, with how many records share exactly these values (1 for a single record):
 * the database hands over its records already grouped, so a dataset of a million discharges stays a few hundred rows.
 */
export interface RetroTally {
  readonly admissionSetting: TedsSetting | null;
  readonly dischargeSetting: TedsSetting | null;
  readonly reason: TedsReason | null;
  readonly stay: StayRange | null;
  /** Null: the mapped fields were too few for the rules to decide. */
  readonly recommendedLevel: Level | null;
  readonly count: number;
}

type StayBin = RetroReport['lengthOfStay'][number]['bin'];
const NOT_RECORDED = 'Not recorded';

/**
 * The bin a stay is counted in. Exact stays (coded LOS 1–30) are grouped into 1–7 and 8–30 days, which are true
 * ranges for them; every other stay keeps the range it was recorded with. Never a mean, a median or a day count.
 */
export function stayBinOf(stay: StayRange | null): StayBin {
  if (stay === null) return { label: NOT_RECORDED, min: null, max: null };
  if (stay.max === stay.min && stay.min <= 30) return stay.min <= 7 ? binOf(1, 7) : binOf(8, 30);
  return binOf(stay.min, stay.max);
}

function binOf(min: number, max: number | null): StayBin {
  if (max === null) return { label: min === 366 ? 'More than a year' : `${min} days or more`, min, max };
  return { label: min === max ? `${min} day${min === 1 ? '' : 's'}` : `${min}–${max} days`, min, max };
}

/** Counts by key, keeping the first-seen key object for each. */
class Counter<K> {
  private readonly counts = new Map<string, { key: K; count: number }>();
  add(key: K, count: number): void {
    const id = JSON.stringify(key);
    const entry = this.counts.get(id);
    if (entry) entry.count += count;
    else this.counts.set(id, { key, count });
  }
  entries(): { key: K; count: number }[] {
    return [...this.counts.values()];
  }
}

/** Ascending, with null (not recorded) last. */
const byNullableNumber = (a: number | null, b: number | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/** The retrospective report of one dataset: counts only, from the records' codes; no dates, no identifiers. */
export function buildRetroReport(dataset: RetroDataset, tallies: readonly RetroTally[]): RetroReport {
  const admissions = new Map<TedsSetting, number>();
  const discharges = new Map<TedsSetting, number>();
  const missingSetting = { admission: 0, discharge: 0 };
  const transitions = new Counter<{ from: TedsSetting; to: TedsSetting }>();
  const outcomes = new Counter<{ setting: TedsSetting | null; reason: TedsReason | null }>();
  const stays = new Counter<{ setting: TedsSetting | null; bin: StayBin }>();
  const concordance = { records: 0, withRecommendation: 0, matching: 0, insufficientData: 0 };
  const byLevel = new Map<Level, { withRecommendation: number; matching: number; insufficientData: number }>(
    LEVELS.map((level) => [level, { withRecommendation: 0, matching: 0, insufficientData: 0 }]),
  );

  for (const tally of tallies) {
    const { admissionSetting: from, dischargeSetting: to, count } = tally;
    if (count <= 0) continue;
    if (from === null) missingSetting.admission += count;
    else admissions.set(from, (admissions.get(from) ?? 0) + count);
    if (to === null) missingSetting.discharge += count;
    else discharges.set(to, (discharges.get(to) ?? 0) + count);
    if (from !== null && to !== null) transitions.add({ from, to }, count);
    outcomes.add({ setting: to, reason: tally.reason }, count);
    stays.add({ setting: to, bin: stayBinOf(tally.stay) }, count);

    concordance.records += count;
    const actual = from === null ? null : TEDS_SETTING_INFO[from].level;
    const group = actual === null ? undefined : byLevel.get(actual);
    if (tally.recommendedLevel === null || actual === null) {
      concordance.insufficientData += count;
      if (group) group.insufficientData += count;
      continue;
    }
    const matches = tally.recommendedLevel === actual;
    concordance.withRecommendation += count;
    if (matches) concordance.matching += count;
    if (group) {
      group.withRecommendation += count;
      if (matches) group.matching += count;
    }
  }

  return {
    dataset,
    settings: TEDS_SETTINGS.map((setting) => ({
      setting,
      label: TEDS_SETTING_INFO[setting].label,
      level: TEDS_SETTING_INFO[setting].level,
      withdrawalManagement: TEDS_SETTING_INFO[setting].withdrawalManagement,
      admissions: admissions.get(setting) ?? 0,
      discharges: discharges.get(setting) ?? 0,
    })),
    missingSetting,
    transitions: transitions
      .entries()
      .map(({ key, count }) => ({ ...key, count }))
      .sort((a, b) => a.from - b.from || a.to - b.to),
    outcomes: outcomes
      .entries()
      .map(({ key, count }) => ({
        setting: key.setting,
        reason: key.reason,
        label: key.reason === null ? NOT_RECORDED : TEDS_REASON_INFO[key.reason].label,
        endReason: key.reason === null ? null : TEDS_REASON_INFO[key.reason].endReason,
        count,
      }))
      .sort((a, b) => byNullableNumber(a.setting, b.setting) || byNullableNumber(a.reason, b.reason)),
    lengthOfStay: stays
      .entries()
      .map(({ key, count }) => ({ setting: key.setting, bin: key.bin, count }))
      .sort((a, b) => byNullableNumber(a.setting, b.setting) || byNullableNumber(a.bin.min, b.bin.min) || byNullableNumber(a.bin.max, b.bin.max)),
    concordance: { ...concordance, byLevel: LEVELS.map((level) => ({ level, ...(byLevel.get(level) ?? EMPTY_GROUP) })) },
  };
}

const EMPTY_GROUP = { withRecommendation: 0, matching: 0, insufficientData: 0 };
