import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3-multiple-ciphers';

/** The machine and software the figures were measured on, printed as one line beside them. */
export function machineFacts(): Record<string, unknown> {
  const sqlite = new Database(':memory:');
  try {
    const cpus = os.cpus();
    const packageVersion = (name: string): string | null => {
      try {
        const text = fs.readFileSync(`node_modules/${name}/package.json`, 'utf8');
        return (JSON.parse(text) as { version?: string }).version ?? null;
      } catch {
        return null;
      }
    };
    return {
      name: 'machine',
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      // Other work on the machine slows every figure; the load average says how busy it was when the bench began.
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
      node: process.version,
      sqlite: sqlite.prepare('SELECT sqlite_version()').pluck().get(),
      cipher: sqlite.prepare('SELECT sqlite3mc_version()').pluck().get(),
      betterSqlite3MultipleCiphers: packageVersion('better-sqlite3-multiple-ciphers'),
      kysely: packageVersion('kysely'),
      measuredAt: new Date().toISOString(),
    };
  } finally {
    sqlite.close();
  }
}
