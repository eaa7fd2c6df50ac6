import type { Kysely } from 'kysely';
import type { AuditAction } from '../../shared/contract/audit';
import type { Vault } from '../core/vault';
import type { StepwiseSchema } from '../db/schema';
import { auditRowsInOrder, insertAuditRow, insertAuditRows, lastAuditRow } from '../repositories/auditRepository';
import type { PendingAuditEvent } from '../security/keyring';
import { auditHash, GENESIS_HASH, verifyChain, type AuditRow, type ChainVerdict } from './auditChain';

type Db = Kysely<StepwiseSchema>;

export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

/** A correction names the approved decision it replaces, so the log tells it apart from a first decision. */
export function correctionDetails(supersedesId: string | null): AuditDetails {
  return supersedesId === null ? {} : { supersedesId };
}

export interface AuditEvent {
  readonly at: string;
  readonly userId: string | null;
  readonly username: string | null;
  readonly action: AuditAction;
  readonly recordType?: string | null;
  readonly recordId?: string | null;
  readonly outcome?: 'ok' | 'denied' | 'failed';
  /** Ids, counts and short codes only; never names, notes or other record contents. */
  readonly details?: AuditDetails;
}

/** Appends one event to the chain; runs inside the caller's transaction, so it lands with the change it records. */
export async function appendAuditEvent(db: Db, event: AuditEvent): Promise<AuditRow> {
  const row = chainedRow(await lastAuditRow(db), event);
  await insertAuditRow(db, row);
  return row;
}

/**
 * Appends events in order, as appendAuditEvent would one by one, leaving the same rows: the chain's end is read once
 * and the rows are written many to a statement. Made for the thousands a bulk disclosure records at once.
 */
export async function appendAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  let last = await lastAuditRow(db);
  const rows: AuditRow[] = [];
  for (const event of events) {
    const row = chainedRow(last, event);
    rows.push(row);
    last = row;
  }
  await insertAuditRows(db, rows);
}

/** The event as the row that follows `last` in the chain (the first row when there is none). */
function chainedRow(last: { readonly seq: number; readonly hash: string } | undefined, event: AuditEvent): AuditRow {
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: event.at,
    user_id: event.userId,
    username: event.username,
    action: event.action,
    record_type: event.recordType ?? null,
    record_id: event.recordId ?? null,
    outcome: event.outcome ?? 'ok',
    details: JSON.stringify(event.details ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  return { ...base, hash: auditHash(base) };
}

export async function auditHead(db: Db): Promise<{ count: number; head: string }> {
  const last = await lastAuditRow(db);
  return { count: last?.seq ?? 0, head: last?.hash ?? GENESIS_HASH };
}

/** After a change commits, the log's length and last hash are copied outside the database, to the key file. */
export async function recordAuditHead(vault: Vault): Promise<void> {
  if (!vault.isOpen || !vault.keyring()) return;
  const head = await auditHead(vault.database.db);
  await vault.updateKeyring((keyring) => {
    if (keyring.audit && keyring.audit.count === head.count && keyring.audit.head === head.head) return keyring;
    // Never move the recorded head backwards: a shorter log than recorded is exactly what verification reports.
    if (keyring.audit && keyring.audit.count > head.count) return keyring;
    return { ...keyring, audit: head };
  });
}

/** Failed sign-ins happen while the database is locked: they wait in the key file until the next sign-in. */
export async function addPendingAudit(vault: Vault, event: PendingAuditEvent): Promise<void> {
  if (!vault.keyring()) return;
  await vault.updateKeyring((keyring) => ({ ...keyring, pendingAudit: [...(keyring.pendingAudit ?? []), event].slice(-1000) }));
}

/** Writes the waiting events into the log (inside the caller's transaction); the key file is cleared after it commits. */
export async function writePendingAudit(vault: Vault, db: Db): Promise<number> {
  const pending = vault.keyring()?.pendingAudit ?? [];
  for (const event of pending) {
    await appendAuditEvent(db, {
      at: event.at,
      userId: null,
      username: event.username,
      action: event.action === 'recovery-failed' ? 'recovery-failed' : 'sign-in-failed',
      outcome: 'failed',
      details: { reason: event.reason },
    });
  }
  return pending.length;
}

export async function clearPendingAudit(vault: Vault, written: number): Promise<void> {
  if (!vault.keyring() || written === 0) return;
  await vault.updateKeyring((keyring) => ({ ...keyring, pendingAudit: (keyring.pendingAudit ?? []).slice(written) }));
}

/** `recordedHead`: the length and last hash kept in the key file, which catches rows deleted from the end. */
export async function verifyAuditLog(db: Db, recordedHead: { count: number; head: string } | undefined): Promise<ChainVerdict> {
  return verifyChain(auditRowsInOrder(db), recordedHead);
}

/**
 * After a backup is restored, its audit log replaces the current one. The restore event links the two chains: it
 * names the length and last hash of the log that was replaced (kept in the key file until now), and the key file
 * then records the restored log's new head — the one time the recorded head may move backwards.
 */
export async function recordRestore(
  vault: Vault,
  event: {
    readonly at: string;
    readonly userId: string;
    readonly username: string;
    readonly backupName: string;
    /** The verified copy of the replaced records that the restore made first. */
    readonly safetyCopy?: string;
    /** How many older safety copies that one's making removed (see SAFETY_COPIES_TO_KEEP). */
    readonly prunedSafetyCopies?: number;
  },
): Promise<void> {
  const replaced = vault.keyring()?.audit ?? { count: 0, head: GENESIS_HASH };
  const db = vault.database.db;
  await db.transaction().execute(async (trx) => {
    const restored = await auditHead(trx);
    await appendAuditEvent(trx, {
      at: event.at,
      userId: event.userId,
      username: event.username,
      action: 'restore',
      recordType: 'backup',
      recordId: event.backupName,
      details: {
        replacedLogRows: replaced.count,
        replacedLogHead: replaced.head,
        restoredLogRows: restored.count,
        restoredLogHead: restored.head,
        ...(event.safetyCopy === undefined ? {} : { safetyCopy: event.safetyCopy }),
        ...(event.prunedSafetyCopies ? { prunedSafetyCopies: event.prunedSafetyCopies } : {}),
      },
    });
  });
  const head = await auditHead(db);
  if (vault.keyring()) await vault.updateKeyring((keyring) => ({ ...keyring, audit: head }));
}
