import { stringify } from 'csv-stringify/sync';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEventRecord,
  type AuditFilter,
  type AuditPage,
} from '../../shared/contract/audit';
import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';
import { addDays } from '../../shared/domain/dates';
import type { AuditRow } from '../audit/auditChain';
import { filteredAuditRows, listAuditRows, type AuditRowFilter } from '../repositories/auditRepository';
import type { ServiceContext } from './context';

/** The clinic's calendar days become UTC instants: the main process runs in the clinic's time zone. */
function rowFilter(filter: AuditFilter): AuditRowFilter {
  return {
    atOrAfter: filter.from ? localMidnight(filter.from) : undefined,
    before: filter.to ? localMidnight(addDays(filter.to, 1)) : undefined,
    userId: filter.userId || undefined,
    action: filter.action,
    outcome: filter.outcome,
    recordId: filter.recordId || undefined,
  };
}

function localMidnight(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).toISOString();
}

function toRecord(row: AuditRow): AuditEventRecord {
  let details: AuditEventRecord['details'] = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as AuditEventRecord['details'];
  } catch {
    details = { unreadable: row.details.slice(0, 200) };
  }
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    outcome: row.outcome,
    details,
  };
}

export async function listAudit(ctx: Pick<ServiceContext, 'db'>, filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
  const { rows, total } = await listAuditRows(ctx.db, rowFilter(filter), page, pageSize);
  return { rows: rows.map(toRecord), total, page, pageSize };
}

function actionLabel(action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action;
}

/** A spreadsheet opening the file must not run a cell as a formula (an emergency-access reason is free text). */
function neutralized(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The filtered log as CSV, oldest first, with the confidentiality notice as its first line. */
export async function auditCsv(ctx: Pick<ServiceContext, 'db'>, filter: AuditFilter): Promise<{ csv: string; rows: number }> {
  const lines: string[][] = [
    [REDISCLOSURE_NOTICE],
    ['Row', 'Time (UTC)', 'User id', 'Username', 'Action', 'Action code', 'Outcome', 'Record type', 'Record id', 'Details', 'Row hash'],
  ];
  let rows = 0;
  for await (const row of filteredAuditRows(ctx.db, rowFilter(filter))) {
    rows += 1;
    lines.push(
      [
        String(row.seq),
        row.at,
        row.user_id ?? '',
        row.username ?? '',
        actionLabel(row.action),
        row.action,
        row.outcome,
        row.record_type ?? '',
        row.record_id ?? '',
        row.details,
        row.hash,
      ].map(neutralized),
    );
  }
  return { csv: stringify(lines, { record_delimiter: 'windows' }), rows };
}
