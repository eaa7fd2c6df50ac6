import { LEVEL_LABELS, LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';

/** Filled dots show intensity, so levels read without colour (colour-blind users, printouts). */
export const INTENSITY_DOTS: Readonly<Record<Level, string>> = {
  inpatient: '●●●',
  iop: '●●○',
  outpatient: '●○○',
};

export function LevelBadge({ level }: { readonly level: Level | null }) {
  if (level === null) {
    return (
      <span className="level-badge level-none" title="No level of care recorded yet">
        <span aria-hidden="true">○○○</span> Not placed
      </span>
    );
  }
  return (
    <span className={`level-badge level-${level}`} title={LEVEL_LABELS[level]}>
      <span aria-hidden="true">{INTENSITY_DOTS[level]}</span> {LEVEL_SHORT_LABELS[level]}
    </span>
  );
}
