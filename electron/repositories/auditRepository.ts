import { sql, type Kysely } from 'kysely';
import type { AuditAction, AuditOutcome } from '../../shared/contract/audit';
import type { AuditRow } from '../audit/auditChain';
import type { StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export async function lastAuditRow(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditRow(db: Db, row: AuditRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/** Rows per INSERT: 11 values each, far below SQLite's limit of 32,766 bound values. */
const AUDIT_ROWS_PER_STATEMENT = 200;

export async function insertAuditRows(db: Db, rows: readonly AuditRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += AUDIT_ROWS_PER_STATEMENT) {
    await db
      .insertInto('audit_events')
      .values(rows.slice(start, start + AUDIT_ROWS_PER_STATEMENT))
      .execute();
  }
}

/** Every row in order, read lazily so verifying a long log does not hold it all in memory. */
export async function* auditRowsInOrder(db: Db, batch = 5_000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = last.seq;
  }
}

/** Times are UTC ISO instants: the service turns the clinic's calendar days into them. */
export interface AuditRowFilter {
  readonly atOrAfter?: string | undefined;
  readonly before?: string | undefined;
  readonly userId?: string | undefined;
  readonly action?: AuditAction | undefined;
  readonly outcome?: AuditOutcome | undefined;
  readonly recordId?: string | undefined;
}

function filtered(db: Db, filter: AuditRowFilter) {
  let query = db.selectFrom('audit_events');
  if (filter.atOrAfter) query = query.where('at', '>=', filter.atOrAfter);
  if (filter.before) query = query.where('at', '<', filter.before);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const recordId = filter.recordId;
  // A case's id also finds the events about its assessments, decisions and sessions, which name it in their details.
  if (recordId)
    query = query.where((eb) => eb.or([eb('record_id', '=', recordId), eb(sql<string>`json_extract(details, '$.caseId')`, '=', recordId)]));
  return query;
}

/** Newest first, as an administrator reads a log. */
export async function listAuditRows(db: Db, filter: AuditRowFilter, page: number, pageSize: number): Promise<{ rows: AuditRow[]; total: number }> {
  const rows = await filtered(db, filter)
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const counted = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(counted.total) };
}

/** Oldest first, for an export that reads in the order things happened. */
export async function* filteredAuditRows(db: Db, filter: AuditRowFilter, batch = 5_000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await filtered(db, filter).selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = last.seq;
  }
}
