import type { BackupCounts } from '../../../shared/contract/backups';

import { formatInstant } from '../format/time';

const count = new Intl.NumberFormat();

/** When a backup was made, in this computer's local date and time. */
export function formatBackupTime(instant: string): string {
  return formatInstant(instant);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${count.format(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${count.format(Math.round(bytes / 1024))} KB`;
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

function plural(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/** "12 cases, 30 assessments, 4 decisions, 15 episodes". */
export function describeCounts(counts: BackupCounts): string {
  return [
    plural(counts.cases, 'case', 'cases'),
    plural(counts.assessments, 'assessment', 'assessments'),
    plural(counts.decisions, 'decision', 'decisions'),
    plural(counts.episodes, 'episode', 'episodes'),
  ].join(', ');
}
