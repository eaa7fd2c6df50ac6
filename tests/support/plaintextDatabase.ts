import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../electron/db/migrate';
import { openDatabase, STEPWISE_APPLICATION_ID } from '../../electron/db/openDatabase';
import { insertUser } from '../../electron/repositories/usersRepository';
import { argon2idHasher } from '../../electron/security/passwords';
import type { Role } from '../../shared/domain/roles';

export const SECRET_NAME = 'Jane Secretname';
export const SECRET_MRN = 'SECRET-4711';

/** A plaintext database from an earlier version, with enough rows to span many pages and a WAL in use. */
export function seedPlaintextDatabase(file: string, rows = 3000): void {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  migrate(sqlite, STEPWISE_APPLICATION_ID);
  const insert = sqlite.prepare('INSERT INTO cases (id, mrn, full_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    insert.run('secret', SECRET_MRN, SECRET_NAME, '1980-01-01', 'x', 'x');
    for (let index = 0; index < rows; index += 1) insert.run(`c${index}`, `M-${index}`, `Person number ${index}`, '1970-01-01', 'x', 'x');
  })();
  sqlite.close();
}

/**
 * What a crash in the middle of an earlier encryption leaves: the earlier copy and its hot rollback journal,
 * which holds that copy's pages as they were (in plaintext). Made by snapshotting both files while a write
 * transaction that has spilled to the database file is still open, which is the state a SIGKILL leaves.
 */
export function leaveHotJournal(source: string, target: string): void {
  const scratch = `${target}.scratch`;
  fs.copyFileSync(source, scratch);
  const writer = new Database(scratch);
  try {
    writer.pragma('journal_mode = DELETE');
    // A tiny page cache makes SQLite sync the journal and write changed pages to the file mid-transaction.
    writer.pragma('cache_size = 4');
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("UPDATE cases SET full_name = full_name || ' (half-rewritten)', mrn = mrn || '*'").run();
    fs.copyFileSync(scratch, target);
    fs.copyFileSync(`${scratch}-journal`, `${target}-journal`);
    writer.exec('ROLLBACK');
  } finally {
    writer.close();
  }
  for (const leftover of [scratch, `${scratch}-journal`]) fs.rmSync(leftover, { force: true });
}

/** Names in the folder ending in `suffix` (for example `-journal`). */
export function filesEndingIn(dir: string, suffix: string): string[] {
  return fs.readdirSync(dir).filter((name) => name.endsWith(suffix) && fs.statSync(path.join(dir, name)).isFile());
}

/** A user of an earlier version, with an Argon2id password hash in the (still plaintext) database. */
export async function addLegacyUser(file: string, username: string, roles: Role[], password: string): Promise<void> {
  const database = openDatabase({ file });
  try {
    const now = new Date().toISOString();
    const row = {
      id: `user-${username}`,
      username,
      display_name: username,
      password_hash: await argon2idHasher.hash(password),
      must_change_password: 0,
      active: 1,
      synthetic: 0,
      failed_sign_ins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    };
    await insertUser(database.db, row, roles);
  } finally {
    database.close();
  }
}
