import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeAll(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.signInAs('admin', ['admin', 'supervisor', 'clinician']);
  await core.registry.invoke('demo.load', {});
});
afterAll(() => {
  core.close();
  temp.cleanup();
});

/** Every table's row count and a checksum of its contents: "nothing was written" checked for real. */
function databaseFingerprint(): string {
  const tables = core.database.sqlite
    // A full-text table's own rows are read from its shadow tables, which are listed here too.
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const everyColumn = (table: string): string => {
    const columns = core.database.sqlite.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(table) as number;
    return Array.from({ length: columns }, (_, index) => index + 1).join(', ');
  };
  return tables
    .map((table) => `${table}:${JSON.stringify(core.database.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${everyColumn(table)}`).all())}`)
    .join('\n');
}

function someAllowedRole(channel: Channel): Role[] {
  const access = contract[channel].access;
  return access === 'public' || access === 'signed-in' ? ['clinician'] : [...access];
}

const BAD_PAYLOADS: readonly (readonly [string, unknown])[] = [
  ['a string', 'not an object'],
  ['a number', 42],
  ['an array', [{}]],
  ['an unknown field', { __unexpected: true }],
];

describe('every channel refuses malformed payloads with a field-level message and writes nothing', () => {
  const cases = CHANNELS.flatMap((channel) => BAD_PAYLOADS.map(([label, payload]) => [channel, label, payload] as const));
  it.each(cases)('%s with %s', async (channel, _label, payload) => {
    const roles = someAllowedRole(channel);
    core.session.begin(await core.addUser(`user-${roles.join('-')}`, roles));
    const before = databaseFingerprint();
    const result = await core.registry.invoke(channel, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.fields?.length ?? 0).toBeGreaterThan(0);
    expect(result.error.message).toMatch(/Nothing was changed/);
    expect(databaseFingerprint()).toBe(before);
  });
});
