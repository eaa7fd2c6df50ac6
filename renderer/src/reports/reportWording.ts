import { VARIANCE_LABELS, VARIANCE_REASONS, type VarianceReason } from '../../../shared/domain/variance';

/** "62%", or a dash where there is nothing to divide by. */
export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)}%`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function varianceLabel(reason: string): string {
  return (VARIANCE_REASONS as readonly string[]).includes(reason) ? VARIANCE_LABELS[reason as VarianceReason] : reason;
}
