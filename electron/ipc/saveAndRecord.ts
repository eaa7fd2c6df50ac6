import { recordAuditHead } from '../audit/auditLog';
import { errorCode } from '../db/errors';
import type { ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import type { HandlerContext, SavedFile } from './handlerContext';

const NOT_SAVED: SavedFile = { saved: false, fileName: null };

/** Thrown inside the transaction to roll the record back when no file was written; never leaves this module. */
class NothingWritten extends Error {
  constructor(readonly failure?: unknown) {
    super('No file was written');
    this.name = 'NothingWritten';
  }
}

/**
 * The one way a file leaves Stepwise with its record (the export, a disclosure per case, the audit log's own export):
 * a file is written if and only if its record is committed.
 *
 * The write transaction opens first and the record is written inside it; only then does the shell show the save
 * dialog and write the file, still inside that transaction. A cancelled dialog or a failed write rolls the record
 * back; a written file commits it. Kysely's SQLite driver has one connection behind a mutex, and a transaction holds
 * it from `begin` to `commit`: a lock or sign-out that starts while the dialog is open (the auto-lock timer, the
 * screen lock, the menu) waits for this transaction before it appends its own audit event and closes the database,
 * so the vault cannot close under the export. Other calls wait the same way while the dialog is open.
 *
 * Left: a commit that fails after the file is written (a disk that filled up, or a database closed outside the
 * connection's mutex). The file cannot be taken back, so the person is told it was saved but not recorded.
 */
export async function saveAndRecordAtomically(
  ctx: HandlerContext,
  save: () => Promise<SavedFile>,
  record: (db: ServiceContext['db']) => Promise<unknown>,
): Promise<SavedFile> {
  // What the shell answered, once it has: read after the transaction whatever its outcome.
  const shell: { answer: SavedFile | null } = { answer: null };
  let saved: SavedFile;
  try {
    saved = await ctx.db.transaction().execute(async (trx) => {
      await record(trx);
      let answer: SavedFile;
      try {
        answer = await save();
      } catch (error) {
        throw new NothingWritten(error);
      }
      shell.answer = answer;
      if (!answer.saved) throw new NothingWritten();
      return answer;
    });
  } catch (error) {
    const { answer } = shell;
    if (answer === null) throw error instanceof NothingWritten ? notWritten(error.failure) : error;
    // Cancelled: nothing left Stepwise and nothing was recorded, whatever the rollback said.
    if (!answer.saved) return NOT_SAVED;
    throw savedButNotRecorded(answer.fileName);
  }
  await recordAuditHead(ctx.vault);
  return saved;
}

/** The write failed: a file-system reason in words, anything else left for the registry to log as an internal error. */
function notWritten(failure: unknown): unknown {
  const code = errorCode(failure);
  if (code === undefined || !/^E[A-Z]+$/.test(code)) return failure;
  const reason =
    code === 'ENOSPC'
      ? 'there is not enough free space there'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Stepwise may not write to that place'
        : `the file could not be written (${code})`;
  return new DomainError('unavailable', `The file was not saved: ${reason}. Nothing was recorded; choose another place and try again.`);
}

function savedButNotRecorded(fileName: string | null): DomainError {
  const file = fileName === null ? 'The file' : `"${fileName}"`;
  return new DomainError(
    'unavailable',
    `${file} was saved, but Stepwise could not record the export in the audit log and disclosure history. ` +
      'Delete the file, sign in again if Stepwise is locked, and export it again.',
  );
}
