import { isLevel, LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import { LEVELS_BY_INTENSITY } from './levelStyle';

export type FlowTarget = Level | 'discharged';

export interface TransitionCount {
  readonly from: Level;
  readonly to: FlowTarget;
  readonly count: number;
  /** The share of all moves out of `from`. */
  readonly shareOfFrom: number;
}

export const FLOW_TARGETS: readonly FlowTarget[] = [...LEVELS_BY_INTENSITY, 'discharged'];

function isFlowTarget(value: string | undefined): value is FlowTarget {
  return value === 'discharged' || isLevel(value);
}

export function flowTargetLabel(target: FlowTarget): string {
  return target === 'discharged' ? 'Discharged' : LEVEL_SHORT_LABELS[target];
}

/**
 * The report's "<from>-><to>" counts as rows, most intensive level first. Keys the app does not know are
 * left out rather than guessed at.
 */
export function transitionCounts(transitions: Readonly<Record<string, number>>): TransitionCount[] {
  const parsed = Object.entries(transitions).flatMap(([key, count]) => {
    const [from, to] = key.split('->');
    if (!isLevel(from) || !isFlowTarget(to) || count <= 0) return [];
    return [{ from, to, count }];
  });
  const outOf = (level: Level) => parsed.filter((row) => row.from === level).reduce((sum, row) => sum + row.count, 0);
  return parsed
    .map((row) => ({ ...row, shareOfFrom: row.count / outOf(row.from) }))
    .sort(
      (a, b) => LEVELS_BY_INTENSITY.indexOf(a.from) - LEVELS_BY_INTENSITY.indexOf(b.from) || FLOW_TARGETS.indexOf(a.to) - FLOW_TARGETS.indexOf(b.to),
    );
}
