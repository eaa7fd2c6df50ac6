import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedBackup } from '../../../shared/contract/backups';
import { RESTORING_SUFFIX } from '../../../electron/backup/replaceDatabase';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations';
import { openDatabase, unlockConnection } from '../../../electron/db/openDatabase';
import { SECRET_NAME, seedPlaintextDatabase } from '../../support/plaintextDatabase';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, type TestCore } from '../../support/testCore';
import { detailsOf, lastAuditRow, recordsSnapshot } from '../support/auditTrail';
import { backUp, backupPath, listBackups } from '../support/backupFixture';
import { addClinicUsers, prepareCase } from '../support/caseFixture';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let good: CreatedBackup;

beforeEach(async () => {
  temp = makeTempDir('stepwise-backup-refusals-');
  core = await createTestCore(temp.dir);
  await addClinicUsers(core);
  for (let index = 0; index < 12; index += 1) await prepareCase(core, index % 2 === 0 ? 'dana' : 'lee');
  good = await backUp(core);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

/** A name for a file placed in the backups folder by hand, older than the good backup. */
const PLACED = 'stepwise-2026-11-01T090000Z-manual.db';

/** Changes a backup through SQLite with the key, as someone holding the key could: its pages stay authentic. */
function editBackup(name: string, edit: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(backupPath(core, name), { fileMustExist: true });
  try {
    unlockConnection(sqlite, core.vault.dataKey());
    edit(sqlite);
  } finally {
    sqlite.close();
  }
}

function placeCopyOfGood(): string {
  fs.copyFileSync(backupPath(core, good.name), backupPath(core, PLACED));
  return PLACED;
}

interface Refusal {
  /** A backup from a newer version is inspected (what it holds is shown) but not restored. */
  readonly inspectable?: boolean;
  /** Damage inside the file shows only when the whole file is checked (inspect, restore), not in the quick list. */
  readonly listedAsRestorable?: boolean;
}

/** Restoring (and inspecting) is refused with the sentence, and nothing is written: same records, same files, no safety copy. */
async function expectRefused(name: string, message: RegExp, refusal: Refusal = {}): Promise<void> {
  const records = recordsSnapshot(core);
  const bytes = fs.readFileSync(backupPath(core, name));
  const before = fs.readdirSync(`${temp.dir}/backups`).sort();
  await core.signInAs('root', ['admin']);
  const inspected = await core.registry.invoke('backups.inspect', { name });
  const restored = await core.registry.invoke('backups.restore', { name, confirmed: true });
  if (refusal.inspectable) expect(inspected).toMatchObject({ ok: true, value: { restorable: false } });
  for (const result of refusal.inspectable ? [restored] : [inspected, restored]) {
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  }
  expect(recordsSnapshot(core)).toEqual(records);
  expect(lastAuditRow(core)).toMatchObject({ action: 'restore', record_id: name, outcome: 'failed' });
  // The backup problem's own code, as the restore's worker named it, not the refusal's kind ('conflict').
  expect(detailsOf(lastAuditRow(core)).problem).toMatch(/^(missing|plaintext|wrong-key|foreign|no-description|damaged|newer-schema|newer-app)$/);
  expect(fs.readFileSync(backupPath(core, name)).equals(bytes)).toBe(true);
  expect(fs.readdirSync(`${temp.dir}/backups`).sort()).toEqual(before);
  expect(fs.existsSync(`${core.vault.databaseFile}${RESTORING_SUFFIX}`)).toBe(false);
  const listed = (await listBackups(core)).backups.find((backup) => backup.name === name);
  expect(listed).toMatchObject({ restorable: refusal.listedAsRestorable ?? false });
}

describe('restoring refuses a backup it must not use, naming the problem', () => {
  it('made by a newer version of Stepwise: shown with what it holds, but not restored', async () => {
    editBackup(placeCopyOfGood(), (sqlite) => sqlite.prepare("UPDATE backup_info SET app_version = '99.1.0'").run());
    const listed = (await listBackups(core)).backups.find((backup) => backup.name === PLACED);
    expect(listed).toMatchObject({ appVersion: '99.1.0', counts: { cases: 12 }, restorable: false });
    expect(listed?.problem).toBe('It was made by Stepwise 99.1.0, newer than this version (0.0.0-test). Install that version to restore it.');
    await expectRefused(PLACED, /^The backup stepwise-2026-11-01T090000Z-manual\.db was not restored\. It was made by Stepwise 99\.1\.0, newer/, {
      inspectable: true,
    });
  });

  it('with a newer database version than this version knows', async () => {
    editBackup(placeCopyOfGood(), (sqlite) => {
      sqlite.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      sqlite.prepare('UPDATE backup_info SET schema_version = ?').run(LATEST_SCHEMA_VERSION + 1);
    });
    await expectRefused(PLACED, new RegExp(`newer version of Stepwise \\(database version ${LATEST_SCHEMA_VERSION + 1}; this version knows up to`), {
      inspectable: true,
    });
  });

  it('cut short (truncated to half its size)', async () => {
    const name = placeCopyOfGood();
    fs.truncateSync(backupPath(core, name), Math.floor(fs.statSync(backupPath(core, name)).size / 2));
    await expectRefused(name, /is damaged/);
  });

  it('with a byte changed in the middle (SQLCipher’s page authentication catches it)', async () => {
    const name = placeCopyOfGood();
    const file = backupPath(core, name);
    const bytes = fs.readFileSync(file);
    const middle = Math.floor(bytes.length / 4096 / 2) * 4096 + 1000;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expectRefused(name, /^The backup stepwise-2026-11-01T090000Z-manual\.db is damaged/, { listedAsRestorable: true });
  });

  it('from another Stepwise installation (another key)', async () => {
    const foreign = openDatabase({ file: backupPath(core, PLACED), key: randomBytes(32) });
    foreign.sqlite.pragma('journal_mode = DELETE');
    foreign.close();
    await expectRefused(PLACED, /cannot be opened with this installation's key: it comes from another Stepwise installation, or it is damaged/);
  });

  it('not encrypted (a plaintext SQLite file with a patient in it), and left byte for byte as it was', async () => {
    seedPlaintextDatabase(backupPath(core, PLACED), 10);
    await expectRefused(PLACED, /is not encrypted, so it is not a Stepwise backup: Stepwise only makes encrypted backups/);
    expect(fs.readFileSync(backupPath(core, PLACED)).includes(Buffer.from(SECRET_NAME))).toBe(true);
  });

  it('a database of another program encrypted with this key', async () => {
    const other = new Database(backupPath(core, PLACED));
    unlockConnection(other, core.vault.dataKey());
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    await expectRefused(PLACED, /is a database from another program, not a Stepwise backup/);
  });

  it('a copy of the database that does not describe itself (not made by Stepwise’s backup)', async () => {
    core.database.sqlite.prepare('VACUUM INTO ?').run(backupPath(core, PLACED));
    await expectRefused(PLACED, /does not say when or by which version it was made, so it is not a complete Stepwise backup/);
  });

  it('whose rows no longer match its description', async () => {
    editBackup(placeCopyOfGood(), (sqlite) => sqlite.prepare("UPDATE backup_info SET row_counts = json_set(row_counts, '$.cases', 41)").run());
    await expectRefused(PLACED, /does not hold as many records as when it was made \(cases\)/, { listedAsRestorable: true });
  });

  it('empty, or random bytes', async () => {
    fs.writeFileSync(backupPath(core, PLACED), '');
    await expectRefused(PLACED, /is empty: it was cut short and holds no records/);
    fs.writeFileSync(backupPath(core, PLACED), randomBytes(64 * 1024));
    await expectRefused(PLACED, /cannot be opened with this installation's key/);
  });

  it('and the good backup beside them still restores', async () => {
    seedPlaintextDatabase(backupPath(core, PLACED), 10);
    await core.signInAs('root', ['admin']);
    expect(await core.registry.invoke('backups.restore', { name: good.name, confirmed: true })).toMatchObject({ ok: true });
  });
});
