import { EXPORT_KIND_LABELS, type CaseDisclosures, type DisclosureDetails, type ExportKind } from '../../shared/contract/disclosures';
import { appendAuditEvent, appendAuditEvents } from '../audit/auditLog';
import { findCase } from '../repositories/casesRepository';
import type { DisclosuresTable } from '../db/schema';
import { insertDisclosures, listCaseDisclosures } from '../repositories/disclosuresRepository';
import { actorOf } from './actor';
import { requireCaseAccess } from './caseAccess';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

/** Disclosures (with their audit events) written per batch of cases: each batch a few statements. */
const DISCLOSURES_PER_BATCH = 1000;

export async function caseDisclosureHistory(ctx: ServiceContext, caseId: string): Promise<CaseDisclosures> {
  await requireCaseAccess(ctx, caseId);
  const found = await findCase(ctx.db, caseId, ctx.clock.today());
  if (!found) throw new DomainError('not_found', 'That case does not exist.');
  return { caseId: found.id, mrn: found.mrn, fullName: found.fullName, disclosures: await listCaseDisclosures(ctx.db, caseId) };
}

export interface ExportRecord {
  readonly kind: ExportKind;
  readonly caseIds: readonly string[];
  readonly disclosure: DisclosureDetails | null;
}

/** Before the save dialog opens: the cases named must exist and be open to this user. */
export async function checkExportCases(ctx: ServiceContext, record: ExportRecord): Promise<void> {
  for (const caseId of record.caseIds) await requireCaseAccess(ctx, caseId);
}

/**
 * After the file is written: one audit event for the export and, when it leaves the clinic, one disclosure per
 * patient (or one for a report of counts) with its own audit event. Runs in one transaction.
 */
export type ExportFileFormat = 'csv' | 'pdf' | 'json' | 'packet';

export async function recordExport(ctx: ServiceContext, record: ExportRecord, format: ExportFileFormat, rows?: number): Promise<void> {
  const user = actorOf(ctx);
  const at = ctx.clock.now().toISOString();
  const single = record.caseIds.length === 1 ? record.caseIds[0] : undefined;
  await appendAuditEvent(ctx.db, {
    at,
    userId: user.id,
    username: user.username,
    action: 'export',
    recordType: single !== undefined ? 'case' : null,
    recordId: single ?? null,
    details: {
      kind: record.kind,
      format,
      cases: record.caseIds.length,
      ...(rows === undefined ? {} : { rows }),
      outsideClinic: record.disclosure !== null,
    },
  });
  const { disclosure } = record;
  if (!disclosure) return;
  const targets: (string | null)[] = record.caseIds.length > 0 ? [...record.caseIds] : [null];
  // A batch at a time, many rows to a statement: at 100,000 cases, one disclosure and one audit event per case took
  // 24 s row by row, holding the connection (every other call waiting) the whole time.
  for (let start = 0; start < targets.length; start += DISCLOSURES_PER_BATCH) {
    const rows: DisclosuresTable[] = targets.slice(start, start + DISCLOSURES_PER_BATCH).map((caseId) => ({
      id: ctx.newId(),
      case_id: caseId,
      recipient: disclosure.recipient,
      purpose: disclosure.purpose,
      consent_reference: disclosure.consentReference,
      content: `${EXPORT_KIND_LABELS[record.kind]}, ${format.toUpperCase()}`,
      disclosed_by: user.id,
      disclosed_at: at,
    }));
    await insertDisclosures(ctx.db, rows);
    await appendAuditEvents(
      ctx.db,
      rows.map((row) => ({
        at,
        userId: user.id,
        username: user.username,
        action: 'disclosure-recorded',
        recordType: 'disclosure',
        recordId: row.id,
        details: { caseId: row.case_id, kind: record.kind },
      })),
    );
  }
}
