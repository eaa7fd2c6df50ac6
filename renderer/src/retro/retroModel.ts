import type { RetroReport } from '../../../shared/contract/retro';
import type { Level } from '../../../shared/domain/levels';
import { TEDS_REASON_INFO, TEDS_REASONS, TEDS_SETTING_INFO, TEDS_SETTINGS, type TedsReason, type TedsSetting } from '../../../shared/teds/codes';

/*
 * The retrospective report as the screen shows it: rows and columns in a fixed order (TEDS codes, then "not
 * recorded"), counts and the shares they are part of. Nothing here estimates what the data does not hold: no day
 * counts from ranges, no dates, no person's path across records.
 */

/** Setting names short enough for a chart axis and a table header; the full TEDS label stays in the settings table. */
export const SETTING_SHORT_LABELS: Readonly<Record<TedsSetting, string>> = {
  1: 'Detox, hospital',
  2: 'Detox, residential',
  3: 'Rehab, hospital',
  4: 'Rehab, short term',
  5: 'Rehab, long term',
  6: 'Intensive outpatient',
  7: 'Outpatient',
  8: 'Detox, ambulatory',
};

export const NOT_RECORDED = 'Not recorded';

/** A setting code, or null for a record without one. */
export type SettingKey = TedsSetting | null;

export function settingShortLabel(setting: SettingKey): string {
  return setting === null ? 'Setting not recorded' : SETTING_SHORT_LABELS[setting];
}

export function settingFullLabel(setting: SettingKey): string {
  return setting === null ? 'Setting not recorded' : TEDS_SETTING_INFO[setting].label;
}

/** Code order, "not recorded" last. */
const SETTING_KEYS: readonly SettingKey[] = [...TEDS_SETTINGS, null];

export function isTedsSetting(value: number): value is TedsSetting {
  return (TEDS_SETTINGS as readonly number[]).includes(value);
}

export function settingLevel(setting: TedsSetting): Level;
export function settingLevel(setting: SettingKey): Level | null;
export function settingLevel(setting: SettingKey): Level | null {
  return setting === null ? null : TEDS_SETTING_INFO[setting].level;
}

// Numbers in the person's locale.

const countFormat = new Intl.NumberFormat();
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** "1 record", "1,000 records". */
export function recordsCount(count: number): string {
  return `${formatCount(count)} record${count === 1 ? '' : 's'}`;
}

/** A share of a whole, 0–1, or null when there is nothing to divide by. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** "42%"; a share that is not zero never reads as "0%"; "—" when there is nothing to divide by. */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  if (share > 0 && share < 0.005) return `<${percentFormat.format(0.01)}`;
  if (share < 1 && share > 0.995) return `>${percentFormat.format(0.99)}`;
  return percentFormat.format(share);
}

// Settings.

export interface SettingRow {
  readonly setting: TedsSetting;
  readonly label: string;
  readonly level: Level;
  readonly withdrawalManagement: boolean;
  readonly admissions: number;
  readonly discharges: number;
}

/** All eight TEDS settings in code order, with zeros for settings the dataset does not hold. */
export function settingRows(report: RetroReport): SettingRow[] {
  return TEDS_SETTINGS.map((setting) => {
    const info = TEDS_SETTING_INFO[setting];
    const row = report.settings.find((entry) => entry.setting === setting);
    return {
      setting,
      label: row?.label ?? info.label,
      level: row?.level ?? info.level,
      withdrawalManagement: row?.withdrawalManagement ?? info.withdrawalManagement,
      admissions: row?.admissions ?? 0,
      discharges: row?.discharges ?? 0,
    };
  });
}

// Transitions.

export interface TransitionRow {
  readonly from: TedsSetting;
  readonly to: TedsSetting;
  readonly count: number;
  /** The share of the records admitted to `from` (with a discharge setting) that were discharged from `to`. */
  readonly shareOfFrom: number;
}

export function transitionRows(report: RetroReport): TransitionRow[] {
  const rows = report.transitions.filter(
    (row): row is { from: TedsSetting; to: TedsSetting; count: number } => isTedsSetting(row.from) && isTedsSetting(row.to) && row.count > 0,
  );
  const outOf = (setting: TedsSetting) => rows.filter((row) => row.from === setting).reduce((sum, row) => sum + row.count, 0);
  return rows.map((row) => ({ ...row, shareOfFrom: row.count / outOf(row.from) })).sort((a, b) => a.from - b.from || a.to - b.to);
}

export function sumCounts(rows: readonly { readonly count: number }[]): number {
  return rows.reduce((sum, row) => sum + row.count, 0);
}

// Outcomes.

/** A TEDS REASON code, or null for a record without one. */
export type ReasonKey = TedsReason | null;

export const REASON_KEYS: readonly ReasonKey[] = [...TEDS_REASONS, null];

export function reasonLabel(reason: ReasonKey): string {
  return reason === null ? NOT_RECORDED : TEDS_REASON_INFO[reason].label;
}

export interface OutcomeRow {
  readonly setting: SettingKey;
  /** Records discharged from the setting. */
  readonly total: number;
  readonly counts: ReadonlyMap<ReasonKey, number>;
}

export interface OutcomeMatrix {
  /** Settings with at least one discharge, in code order, records without a discharge setting last. */
  readonly rows: readonly OutcomeRow[];
  /** Reasons present in the data, TEDS order, "not recorded" last. */
  readonly reasons: readonly ReasonKey[];
  /** Every reason over all settings. */
  readonly totals: ReadonlyMap<ReasonKey, number>;
  readonly total: number;
}

export function outcomeMatrix(report: RetroReport): OutcomeMatrix {
  const byKey = new Map<string, number>();
  const totals = new Map<ReasonKey, number>();
  for (const entry of report.outcomes) {
    const reason = entry.reason as ReasonKey;
    const key = `${String(entry.setting)}/${String(reason)}`;
    byKey.set(key, (byKey.get(key) ?? 0) + entry.count);
    totals.set(reason, (totals.get(reason) ?? 0) + entry.count);
  }
  const reasons = REASON_KEYS.filter((reason) => (totals.get(reason) ?? 0) > 0);
  const rows = SETTING_KEYS.flatMap((setting): OutcomeRow[] => {
    const counts = new Map<ReasonKey, number>(reasons.map((reason) => [reason, byKey.get(`${String(setting)}/${String(reason)}`) ?? 0]));
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    return total > 0 ? [{ setting, total, counts }] : [];
  });
  return { rows, reasons, totals, total: [...totals.values()].reduce((sum, count) => sum + count, 0) };
}

// Length of stay.

export interface StayBin {
  readonly key: string;
  readonly label: string;
  readonly min: number | null;
  readonly max: number | null;
}

/** The label the screen gives a bin: the data's own, with its range in days when that says more. */
export function binLabel(bin: StayBin): string {
  if (bin.min === null) return NOT_RECORDED;
  return bin.label;
}

/** "Exactly 5 days", "31–45 days", "More than 365 days", "Not recorded": what a bin holds, in days. */
export function binRange(bin: StayBin): string {
  if (bin.min === null) return 'No length of stay in the record';
  if (bin.max === null) return `${formatCount(bin.min)} days or more`;
  if (bin.min === bin.max) return `Exactly ${formatCount(bin.min)} day${bin.min === 1 ? '' : 's'}`;
  return `${formatCount(bin.min)}–${formatCount(bin.max)} days`;
}

export interface StayMatrix {
  /** Shortest first, open-ended after, "not recorded" last. */
  readonly bins: readonly StayBin[];
  /** Settings with at least one discharge counted here, in code order, "not recorded" last. */
  readonly settings: readonly SettingKey[];
  /** count by `${setting}/${bin.key}` */
  readonly counts: ReadonlyMap<string, number>;
  readonly total: number;
}

const binKey = (bin: { label: string; min: number | null; max: number | null }) => `${bin.min ?? 'none'}-${bin.max ?? 'open'}-${bin.label}`;

export function stayMatrix(report: RetroReport): StayMatrix {
  const bins = new Map<string, StayBin>();
  const counts = new Map<string, number>();
  const settings = new Set<SettingKey>();
  for (const entry of report.lengthOfStay) {
    if (entry.count <= 0) continue;
    const key = binKey(entry.bin);
    const cell = `${String(entry.setting)}/${key}`;
    bins.set(key, { key, ...entry.bin });
    settings.add(entry.setting as SettingKey);
    counts.set(cell, (counts.get(cell) ?? 0) + entry.count);
  }
  const order = (bin: StayBin) => [bin.min === null ? Number.MAX_SAFE_INTEGER : bin.min, bin.max ?? Number.MAX_SAFE_INTEGER - 1] as const;
  const sorted = [...bins.values()].sort((a, b) => {
    const [aMin, aMax] = order(a);
    const [bMin, bMax] = order(b);
    return aMin - bMin || aMax - bMax;
  });
  return {
    bins: sorted,
    settings: SETTING_KEYS.filter((setting) => settings.has(setting)),
    counts,
    total: [...counts.values()].reduce((sum, count) => sum + count, 0),
  };
}

export function stayCount(matrix: StayMatrix, setting: SettingKey, bin: StayBin): number {
  return matrix.counts.get(`${String(setting)}/${bin.key}`) ?? 0;
}

/** Records in a bin over the given settings. */
export function binTotal(matrix: StayMatrix, bin: StayBin, settings: readonly SettingKey[] = matrix.settings): number {
  return settings.reduce((sum, setting) => sum + stayCount(matrix, setting, bin), 0);
}

export function settingStayTotal(matrix: StayMatrix, setting: SettingKey): number {
  return matrix.bins.reduce((sum, bin) => sum + stayCount(matrix, setting, bin), 0);
}

/** True when every recorded bin is a single day or a range the codebook defines (coded files); false for coarse labelled bins. */
export function hasExactDays(matrix: StayMatrix): boolean {
  return matrix.bins.some((bin) => bin.min !== null && bin.min === bin.max);
}

// Concordance.

export interface ConcordanceRow {
  /** Null: all levels together. */
  readonly level: Level | null;
  readonly records: number;
  readonly withRecommendation: number;
  readonly matching: number;
  readonly notMatching: number;
  readonly insufficientData: number;
}

export function concordanceRows(report: RetroReport): { readonly overall: ConcordanceRow; readonly byLevel: readonly ConcordanceRow[] } {
  const { concordance } = report;
  const row = (level: Level | null, entry: { withRecommendation: number; matching: number; insufficientData: number }, records?: number) => ({
    level,
    records: records ?? entry.withRecommendation + entry.insufficientData,
    withRecommendation: entry.withRecommendation,
    matching: entry.matching,
    notMatching: Math.max(0, entry.withRecommendation - entry.matching),
    insufficientData: entry.insufficientData,
  });
  const order: readonly Level[] = ['inpatient', 'iop', 'outpatient'];
  const byLevel = [...concordance.byLevel].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)).map((entry) => row(entry.level, entry));
  return { overall: row(null, concordance, concordance.records), byLevel };
}

/** "Of 1,000 records, 835 had enough mapped information for a recommendation; of those, 412 (49%) were admitted to the recommended level. 165 records (17%) had insufficient data." */
export function concordanceSentence(report: RetroReport): string {
  const { records, withRecommendation, matching, insufficientData } = report.concordance;
  const first = `Of ${recordsCount(records)}, ${formatCount(withRecommendation)} had enough mapped information for a recommendation`;
  const second =
    withRecommendation > 0
      ? `; of those, ${formatCount(matching)} (${formatShare(shareOf(matching, withRecommendation))}) were admitted to the recommended level.`
      : '.';
  const third = ` ${recordsCount(insufficientData)} (${formatShare(shareOf(insufficientData, records))}) had insufficient data.`;
  return `${first}${second}${third}`;
}
