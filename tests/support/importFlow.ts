import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { ImportFile, ImportReport, ImportResult } from '../../shared/contract/imports';
import type { ImportKind } from '../../shared/import/fields';
import type { AppError } from '../../shared/contract/result';
import type { TestCore } from './testCore';
import { expectOk } from './seed';

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export async function openFile(core: TestCore, kind: ImportKind, file: string): Promise<ImportFile> {
  core.chooseImportFile(file);
  return expectOk<ImportFile>(await core.registry.invoke('imports.open', { kind }));
}

export async function openError(core: TestCore, kind: ImportKind, file: string): Promise<AppError> {
  core.chooseImportFile(file);
  const result = await core.registry.invoke('imports.open', { kind });
  if (result.ok) throw new Error(`expected the file to be refused, got ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.error;
}

export interface Choices {
  readonly columns?: readonly string[];
  readonly dateFormat?: string;
  readonly existing?: 'update' | 'skip' | 'stop';
}

const choicesFor = (opened: ImportFile, choices: Choices) => ({
  importId: opened.importId,
  columns: choices.columns ?? opened.columns,
  dateFormat: choices.dateFormat ?? opened.dateFormat,
  existing: choices.existing ?? 'stop',
});

export async function check(core: TestCore, opened: ImportFile, choices: Choices = {}): Promise<ImportReport> {
  return expectOk<ImportReport>(await core.registry.invoke('imports.check', choicesFor(opened, choices)));
}

export async function commit(core: TestCore, opened: ImportFile, choices: Choices = {}): Promise<ImportResult> {
  return expectOk<ImportResult>(await core.registry.invoke('imports.commit', choicesFor(opened, choices)));
}

export async function commitResult(core: TestCore, opened: ImportFile, choices: Choices = {}) {
  return core.registry.invoke('imports.commit', choicesFor(opened, choices));
}

/** Opens, checks and imports a file in one go, as a person clicking through would. */
export async function importFile(core: TestCore, kind: ImportKind, file: string, choices: Choices = {}): Promise<ImportResult> {
  const opened = await openFile(core, kind, file);
  const report = await check(core, opened, choices);
  if (report.blockers.length > 0)
    throw new Error(`the check found blockers: ${report.blockers.join(' ')} ${JSON.stringify(report.problems.slice(0, 3))}`);
  return commit(core, opened, choices);
}

const CLINICAL_TABLES = ['cases', 'assessments', 'episodes', 'decisions', 'care_events', 'settings', 'retro_datasets', 'retro_records'] as const;

/** A digest of every clinical table's rows: equal before and after means nothing was written. */
export async function recordsDigest(core: TestCore): Promise<string> {
  const hash = createHash('sha256');
  for (const table of CLINICAL_TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid`.execute(core.database.db);
    hash.update(`${table}:${JSON.stringify(rows.rows)}`);
  }
  return hash.digest('hex');
}

export async function countRows(core: TestCore, table: (typeof CLINICAL_TABLES)[number]): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(core.database.db);
  return Number(result.rows[0]?.n ?? 0);
}
