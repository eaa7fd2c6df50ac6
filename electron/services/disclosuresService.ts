import { EXPORT_KIND_LABELS, type CaseDisclosures, type DisclosureDetails, type ExportKind } from '../../shared/contract/disclosures';
import { appendAuditEvent } from '../audit/auditLog';
import { findCase } from '../repositories/casesRepository';
import { insertDisclosure, listCaseDisclosures } from '../repositories/disclosuresRepository';
import { actorOf } from './actor';
import { requireCaseAccess } from './caseAccess';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

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
  if (!record.disclosure) return;
  const targets: (string | null)[] = record.caseIds.length > 0 ? [...record.caseIds] : [null];
  for (const caseId of targets) {
    const id = ctx.newId();
    await insertDisclosure(ctx.db, {
      id,
      case_id: caseId,
      recipient: record.disclosure.recipient,
      purpose: record.disclosure.purpose,
      consent_reference: record.disclosure.consentReference,
      content: `${EXPORT_KIND_LABELS[record.kind]}, ${format.toUpperCase()}`,
      disclosed_by: user.id,
      disclosed_at: at,
    });
    await appendAuditEvent(ctx.db, {
      at,
      userId: user.id,
      username: user.username,
      action: 'disclosure-recorded',
      recordType: 'disclosure',
      recordId: id,
      details: { caseId, kind: record.kind },
    });
  }
}
