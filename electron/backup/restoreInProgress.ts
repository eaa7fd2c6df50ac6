import type { Vault } from '../core/vault';
import { DomainError } from '../services/errors';

/** Who is using a vault's records now, and the restore that replaces them, if one is under way. */
interface RecordsInUse {
  active: number;
  restoring: Promise<void> | null;
  /** Told each time a user of the records is done, so a restore waiting for the last one can check again. */
  waiting: (() => void)[];
}

const inUse = new WeakMap<Vault, RecordsInUse>();

function recordsOf(vault: Vault): RecordsInUse {
  let records = inUse.get(vault);
  if (!records) {
    records = { active: 0, restoring: null, waiting: [] };
    inUse.set(vault, records);
  }
  return records;
}

function settled(): void {
  // Succeeded or failed, the restore is over; its caller has its outcome.
}

/**
 * Runs work that reads or writes the records (an IPC call, a lock from the main process, the exit backup, the
 * background checkpoint and statistics) once no restore is replacing them, and keeps a restore from starting until it
 * is done: a restore closes the database and opens another, which would fail any work still holding the old one.
 */
export async function withRecords<T>(vault: Vault, work: () => Promise<T>): Promise<T> {
  const records = recordsOf(vault);
  while (records.restoring) await records.restoring.then(settled, settled);
  records.active += 1;
  try {
    return await work();
  } finally {
    done(records);
  }
}

/**
 * Runs background work on the records (the checkpoint after an import, the planner's statistics) now, or not at all
 * when a restore is under way or waiting to start: the restore makes its own afterwards, and a call may be waiting for
 * this work while the restore waits for that call.
 */
export async function unlessRestoring<T>(vault: Vault, work: () => Promise<T>): Promise<T | undefined> {
  const records = recordsOf(vault);
  if (records.restoring) return undefined;
  records.active += 1;
  try {
    return await work();
  } finally {
    done(records);
  }
}

function done(records: RecordsInUse): void {
  records.active -= 1;
  for (const wake of records.waiting.splice(0)) wake();
}

/** The IPC call that asks for a restore is itself one piece of work on the records (the registry's withRecords). */
const RESTORE_CALL = 1;

/**
 * Runs a restore's replacing of the records: work that comes from now on waits for it (withRecords), and it starts once
 * the work already under way, all but the restore's own call, is done. A second restore asked meanwhile is refused.
 */
export async function whileRestoring<T>(vault: Vault, work: () => Promise<T>): Promise<T> {
  const records = recordsOf(vault);
  if (records.restoring) throw new DomainError('conflict', 'A restore is already under way. Wait for it to finish. Nothing was changed.');
  let finish = settled;
  records.restoring = new Promise((resolve) => {
    finish = resolve;
  });
  try {
    while (records.active > RESTORE_CALL) await new Promise<void>((resolve) => records.waiting.push(resolve));
    return await work();
  } finally {
    records.restoring = null;
    finish();
  }
}
