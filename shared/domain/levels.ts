/** Levels of care, ordered from least to most intensive. */
export const LEVELS = ['outpatient', 'iop', 'inpatient'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  inpatient: 'Inpatient / residential',
  iop: 'Intensive outpatient (IOP)',
  outpatient: 'Outpatient',
};

export const LEVEL_SHORT_LABELS: Readonly<Record<Level, string>> = {
  inpatient: 'Inpatient',
  iop: 'IOP',
  outpatient: 'Outpatient',
};

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
