import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(ROOT, 'tests/support/backupChild.ts');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');

export interface ChildRun {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  /** The lines the child printed: "ready", then each step it reached. */
  readonly steps: readonly string[];
  /** When each line arrived (ms), and when the process ended under "exit". */
  readonly times: Readonly<Record<string, number>>;
}

/** A kill sent from outside: `ms` after the child printed the line `after`. */
export interface TimedKill {
  readonly after: string;
  readonly ms: number;
}

/** Runs tests/support/backupChild.ts on a data folder, handing it the key on stdin, and kills it when told to. */
export function runBackupChild(args: readonly string[], key: Buffer, kill?: TimedKill): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [JITI, CHILD, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const steps: string[] = [];
    const times: Record<string, number> = {};
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        steps.push(line);
        times[line] = performance.now();
        if (kill && line === kill.after) setTimeout(() => child.kill('SIGKILL'), kill.ms);
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, steps, times: { ...times, exit: performance.now() } }));
    child.stdin.end(key);
  });
}

/** Raw inserts, so a database with tens of thousands of cases is made in a moment; one of them is the named patient. */
export function seedCases(sqlite: Database.Database, count: number, secret: { readonly name: string; readonly mrn: string }, prefix = 'c'): void {
  const insert = sqlite.prepare('INSERT INTO cases (id, mrn, full_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    if (secret.name) insert.run(`${prefix}-secret`, secret.mrn, secret.name, '1980-01-01', 'x', 'x');
    for (let index = 0; index < count; index += 1)
      insert.run(`${prefix}${index}`, `${prefix}M-${index}`, `Person number ${index}`, '1970-01-01', 'x', 'x');
  })();
}

/** Every file under the folder whose bytes contain the text. */
export function filesHolding(folder: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => fs.statSync(file).isFile() && fs.readFileSync(file).includes(needle));
}
