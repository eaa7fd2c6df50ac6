import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction, type AuditEventRecord, type AuditOutcome } from '../../../shared/contract/audit';

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The plain-language label; an action code this version does not know (from a newer app) shows as recorded. */
export function actionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

/** Actions in the order a person scans a list: alphabetical by label. */
export const ACTIONS_BY_LABEL: readonly AuditAction[] = [...AUDIT_ACTIONS].sort((a, b) =>
  AUDIT_ACTION_LABELS[a].localeCompare(AUDIT_ACTION_LABELS[b]),
);

export const OUTCOME_LABELS: Readonly<Record<AuditOutcome, string>> = { ok: 'Succeeded', denied: 'Refused', failed: 'Failed' };

/** A symbol beside each outcome so refused and failed events stand out without colour. */
export const OUTCOME_SYMBOLS: Readonly<Record<AuditOutcome, string>> = { ok: '✓', denied: '⊘', failed: '✕' };

const RECORD_TYPE_LABELS: Readonly<Record<string, string>> = {
  case: 'Case',
  user: 'User',
  decision: 'Decision',
  assessment: 'Assessment',
  episode: 'Episode',
  attendance: 'Attendance',
  authorization: 'Authorization',
  disclosure: 'Disclosure',
  settings: 'Settings',
  channel: 'Action',
};

export function recordTypeLabel(recordType: string): string {
  return RECORD_TYPE_LABELS[recordType] ?? recordType.charAt(0).toUpperCase() + recordType.slice(1);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const countFormat = new Intl.NumberFormat();

/** An audit time in the computer's local date and time, to the second. */
export function formatAuditTime(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : timeFormat.format(date);
}

export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** "Rows 1–100 of 2,345" for a page of the newest-first list. */
export function rowRange(page: number, pageSize: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return `No rows of ${formatCount(total)}`;
  const first = (page - 1) * pageSize + 1;
  return `Rows ${formatCount(first)}–${formatCount(first + shown - 1)} of ${formatCount(total)}`;
}

/**
 * The page of the unfiltered, newest-first list that holds row `seq`, given the newest row's number. Exact
 * while the numbering has no gaps; after a deletion it lands next to where the row was.
 */
export function pageHoldingRow(seq: number, newestSeq: number, total: number, pageSize: number): number {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const position = Math.max(0, newestSeq - seq);
  return Math.min(pages, Math.floor(position / pageSize) + 1);
}

export interface DetailItem {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** An id that could not be put into words: shown in a fixed-width font. */
  readonly isId: boolean;
}

const DETAIL_LABELS: Readonly<Record<string, string>> = {
  reason: 'Reason',
  caseId: 'Case',
  supersedesId: 'Corrects decision',
  access: 'Access',
  view: 'Viewed',
  created: 'Cases created',
  roles: 'Roles',
  toClinicianId: 'Moved to',
  moved: 'Cases moved',
  intact: 'Intact',
  events: 'Rows checked',
  firstBrokenRow: 'First broken row',
  rows: 'Rows',
  channel: 'Attempted',
  kind: 'What',
  format: 'Format',
  cases: 'Cases',
  outsideClinic: 'Sent outside the clinic',
  autoLockMinutes: 'Auto-lock after (minutes)',
  reviewIntervals: 'Review intervals',
  unreadable: 'Unreadable details',
};

const ACCESS_VALUES: Readonly<Record<string, string>> = {
  assigned: 'assigned clinician',
  'all-cases': 'role sees all cases',
  emergency: 'emergency access',
};

const SIGN_IN_FAILURES: Readonly<Record<string, string>> = {
  'unknown-user': 'unknown username',
  invalid_input: 'wrong password or recovery key',
  forbidden: 'account deactivated or temporarily blocked',
};

const LOCK_REASONS: Readonly<Record<string, string>> = {
  inactivity: 'no activity',
  manual: 'locked by the user',
  'screen-locked': 'computer screen locked',
};

const EXPORT_KINDS: Readonly<Record<string, string>> = {
  'outcome-report': 'outcome report',
  'case-summary': 'case review',
  'disclosure-history': 'disclosure history',
  'cases-csv': 'cases (CSV)',
  'assessments-csv': 'assessments (CSV)',
  'decisions-csv': 'placement decisions (CSV)',
  'episodes-csv': 'episodes (CSV)',
  'assessments-json': 'assessments (interchange JSON)',
  'episodes-json': 'episodes (interchange JSON)',
};

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function codeValue(action: string, key: string, value: string): string {
  if (key === 'access') return ACCESS_VALUES[value] ?? value;
  if (key === 'kind') return EXPORT_KINDS[value] ?? value;
  if (key === 'reason' && (action === 'sign-in-failed' || action === 'recovery-failed')) return SIGN_IN_FAILURES[value] ?? value;
  if (key === 'reason' && action === 'lock') return LOCK_REASONS[value] ?? value;
  return value;
}

/**
 * The event's details as label and value, in the order recorded. User ids become names where the person is
 * known; free text (an emergency-access reason) is shown as written.
 */
export function describeDetails(event: Pick<AuditEventRecord, 'action' | 'details'>, nameOf: (userId: string) => string | undefined): DetailItem[] {
  return Object.entries(event.details).map(([key, raw]) => {
    const label = DETAIL_LABELS[key] ?? humanize(key);
    if (raw === null) return { key, label, value: '—', isId: false };
    if (typeof raw === 'boolean') return { key, label, value: raw ? 'yes' : 'no', isId: false };
    if (typeof raw === 'number') return { key, label, value: key === 'firstBrokenRow' ? String(raw) : formatCount(raw), isId: false };
    const name = key === 'toClinicianId' ? nameOf(raw) : undefined;
    if (name) return { key, label, value: name, isId: false };
    return { key, label, value: codeValue(event.action, key, raw), isId: /Id$/.test(key) };
  });
}
