import type { EpisodeEndReason } from '../domain/episodes';
import type { Level } from '../domain/levels';

/**
 * TEDS-D code tables (SAMHSA public-use file; codebook in ../shared/data/teds). A TEDS-D record is one discharge:
 * it has a discharge year but no dates, and no link to the same person's other records.
 */

/** SERVICES / SERVICES_D: the treatment setting at admission / at discharge. */
export const TEDS_SETTINGS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type TedsSetting = (typeof TEDS_SETTINGS)[number];

export interface TedsSettingInfo {
  readonly label: string;
  /** The Stepwise level it maps to: 24-hour hospital and residential settings are inpatient. */
  readonly level: Level;
  /** Detoxification settings: withdrawal management, whatever the level. */
  readonly withdrawalManagement: boolean;
}

export const TEDS_SETTING_INFO: Readonly<Record<TedsSetting, TedsSettingInfo>> = {
  1: { label: 'Detox, 24-hour, hospital inpatient', level: 'inpatient', withdrawalManagement: true },
  2: { label: 'Detox, 24-hour, free-standing residential', level: 'inpatient', withdrawalManagement: true },
  3: { label: 'Rehab/residential, hospital (non-detox)', level: 'inpatient', withdrawalManagement: false },
  4: { label: 'Rehab/residential, short term (30 days or fewer)', level: 'inpatient', withdrawalManagement: false },
  5: { label: 'Rehab/residential, long term (more than 30 days)', level: 'inpatient', withdrawalManagement: false },
  6: { label: 'Ambulatory, intensive outpatient', level: 'iop', withdrawalManagement: false },
  7: { label: 'Ambulatory, non-intensive outpatient', level: 'outpatient', withdrawalManagement: false },
  8: { label: 'Ambulatory, detoxification', level: 'outpatient', withdrawalManagement: true },
};

/** REASON: why the episode ended. */
export const TEDS_REASONS = [1, 2, 3, 4, 5, 6, 7] as const;
export type TedsReason = (typeof TEDS_REASONS)[number];

export const TEDS_REASON_INFO: Readonly<Record<TedsReason, { readonly label: string; readonly endReason: EpisodeEndReason }>> = {
  1: { label: 'Treatment completed', endReason: 'completed' },
  2: { label: 'Dropped out', endReason: 'dropped-out' },
  3: { label: 'Terminated by facility', endReason: 'administrative-discharge' },
  4: { label: 'Transferred', endReason: 'transferred' },
  5: { label: 'Incarcerated', endReason: 'incarcerated' },
  6: { label: 'Death', endReason: 'died' },
  7: { label: 'Other', endReason: 'other' },
};

/** A length of stay in days: exact when min = max, a range otherwise; max null = open-ended ("more than a year"). */
export interface StayRange {
  readonly min: number;
  readonly max: number | null;
}

/** LOS: 1–30 are exact days; 31–37 are ranges. */
export const TEDS_LOS_RANGES: Readonly<Record<number, StayRange>> = {
  ...Object.fromEntries(Array.from({ length: 30 }, (_, index) => [index + 1, { min: index + 1, max: index + 1 }])),
  31: { min: 31, max: 45 },
  32: { min: 46, max: 60 },
  33: { min: 61, max: 90 },
  34: { min: 91, max: 120 },
  35: { min: 121, max: 180 },
  36: { min: 181, max: 365 },
  37: { min: 366, max: null },
};

/** TEDS marks a missing value with -9. */
export const TEDS_MISSING = -9;
