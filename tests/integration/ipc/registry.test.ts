import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testJobRunner } from '../../support/testJobs';
import { createImportSessions } from '../../../electron/import/importSessions';
import { createJobProgressBoard } from '../../../electron/jobs/jobProgressBoard';
import { contract } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/result';
import { createRegistry, SLOW_CALL_MS, type HandlerMap } from '../../../electron/ipc/registry';
import { handlers } from '../../../electron/ipc/handlers';
import { createMemoryLogger } from '../../../electron/log/logger';
import { makeCaseInput } from '../../factories/cases';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.signInAs('dana', ['clinician', 'supervisor', 'admin']);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const caseCount = () => core.database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get();

function expectError(result: Result<unknown>, code: string) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected an error');
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(10);
  return result.error;
}

describe('the registry refuses bad requests and changes nothing', () => {
  it('covers every contract channel with a handler', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it.each([undefined, null, 42, '', 'cases.delete', 'cases.list ', '__proto__', 'constructor', 'toString'])('unknown channel %j', async (channel) => {
    const error = expectError(await core.registry.invoke(channel, {}), 'unknown_channel');
    expect(error.message).toMatch(/Unknown request/);
    expect(caseCount()).toBe(0);
  });

  it.each([
    ['a string instead of an object', 'A-17'],
    ['null', null],
    ['an array', [makeCaseInput()]],
    ['a missing MRN', { fullName: 'Jane Doe', dateOfBirth: '1980-01-01' }],
    ['a number as name', { mrn: 'A-1', fullName: 7, dateOfBirth: '1980-01-01' }],
    ['an impossible date', makeCaseInput({ dateOfBirth: '2023-02-29' })],
    ['an unknown level', { ...makeCaseInput(), level: 'detox' }],
    ['an extra field', { ...makeCaseInput(), ssn: '123-45-6789' }],
    ['a prototype-polluting key', JSON.parse('{"mrn":"A-1","fullName":"J","dateOfBirth":"1980-01-01","__proto__":{"admin":true}}') as unknown],
  ])('cases.create with %s', async (_label, payload) => {
    const error = expectError(await core.registry.invoke('cases.create', payload), 'invalid_input');
    expect(error.message).toMatch(/Nothing was changed/);
    expect(error.fields?.length).toBeGreaterThan(0);
    expect(caseCount()).toBe(0);
  });

  it('names the field in a field-level error', async () => {
    const error = expectError(await core.registry.invoke('cases.create', makeCaseInput({ dateOfBirth: '15/06/1985' })), 'invalid_input');
    expect(error.fields).toEqual([{ path: 'dateOfBirth', message: 'Enter a real date as YYYY-MM-DD.' }]);
  });

  it.each([
    { page: 0 },
    { page: 1.5 },
    { pageSize: 0 },
    { pageSize: 1000 },
    { sortBy: 'password' },
    { sortDir: 'sideways' },
    { level: 'detox' },
    { where: '1=1' },
  ])('cases.list with %j', async (query) => {
    expectError(await core.registry.invoke('cases.list', query), 'invalid_input');
  });

  it('never lets a raw exception cross, and logs it', async () => {
    const logger = createMemoryLogger();
    const failing: HandlerMap = {
      ...handlers,
      'cases.list': {
        kind: 'query',
        audit: 'not-audited',
        handle: async () => {
          throw new Error('SQLITE_IOERR: disk I/O error at /secret/path');
        },
      },
    };
    const registry = createRegistry({ handlers: failing, logger, context: makeContext() });
    core.session.begin(await core.addUser('dana', ['clinician']));
    const error = expectError(await registry.invoke('cases.list', {}), 'internal');
    expect(error.message).not.toMatch(/SQLITE|secret/);
    expect(logger.entries.some((entry) => entry.level === 'error' && JSON.stringify(entry.detail).includes('disk I/O'))).toBe(true);
  });

  it('logs a call slower than 100 ms with its channel and time, never its input or output', async () => {
    const logger = createMemoryLogger();
    const slow: HandlerMap = {
      ...handlers,
      'cases.list': {
        kind: 'query',
        audit: 'not-audited',
        handle: async (input, ctx) => {
          await new Promise((resolve) => setTimeout(resolve, SLOW_CALL_MS + 30));
          return handlers['cases.list'].handle(input, ctx);
        },
      },
    };
    const registry = createRegistry({ handlers: slow, logger, context: makeContext() });
    core.session.begin(await core.addUser('dana', ['clinician']));
    expect((await registry.invoke('cases.list', { search: 'Quackenbush' })).ok).toBe(true);
    expect((await registry.invoke('demo.status', {})).ok).toBe(true);
    const slowEntries = logger.entries.filter((entry) => entry.message === 'Slow IPC call');
    expect(slowEntries).toHaveLength(1);
    expect(slowEntries[0]?.level).toBe('warn');
    expect(Object.keys(slowEntries[0]?.detail ?? {}).sort()).toEqual(['channel', 'ms']);
    expect(slowEntries[0]?.detail).toMatchObject({ channel: 'cases.list' });
    expect(JSON.stringify(logger.entries)).not.toContain('Quackenbush');
  });

  it('refuses handler output that breaks the contract', async () => {
    const logger = createMemoryLogger();
    const broken: HandlerMap = {
      ...handlers,
      'demo.status': { kind: 'query', audit: 'not-audited', handle: async () => ({ totalCases: -1, syntheticCases: 0 }) },
    };
    const registry = createRegistry({ handlers: broken, logger, context: makeContext() });
    expectError(await registry.invoke('demo.status', {}), 'internal');
    expect(logger.entries[0]?.message).toMatch(/breaks the contract/);
  });
});

describe('worker commands', () => {
  it('are refused at start when the registry would audit them in a transaction of their own', () => {
    const auditedByRegistry = {
      ...handlers,
      'imports.commit': { ...handlers['imports.commit'], audit: { action: 'import', record: () => null } },
    } as HandlerMap;
    expect(() => createRegistry({ handlers: auditedByRegistry, logger: createMemoryLogger(), context: makeContext() })).toThrow(
      /worker command imports.commit must audit in its own transaction/,
    );
  });
});

function makeContext() {
  return {
    db: core.database.db,
    session: core.session,
    vault: core.vault,
    imports: createImportSessions(),
    progress: createJobProgressBoard(),
    jobs: testJobRunner,
    chooseFileToImport: async () => null,
    chooseFileToOpen: async () => null,
    saveBinaryFile: async () => ({ saved: false, fileName: null }),
    passwords: { hash: async () => 'x', verify: async () => false },
    actor: null,
    clock: { now: () => new Date('2026-11-29T10:00:00Z'), today: () => '2026-11-29' },
    newId: () => 'fixed-id',
    app: { appVersion: 't', dataDir: temp.dir },
    openInSystemBrowser: async () => undefined,
    saveTextFile: async () => ({ saved: false, fileName: null }),
    saveWindowAsPdf: async () => ({ saved: false, fileName: null }),
  };
}

describe('app channels', () => {
  it('app.info reports where the data lives', async () => {
    const result = await core.registry.invoke('app.info', {});
    expect(result).toEqual({
      ok: true,
      value: { appVersion: '0.0.0-test', dataDir: temp.dir, databaseFile: core.database.file, schemaVersion: core.database.schemaVersion },
    });
  });

  it('app.openExternal opens allow-listed https links only', async () => {
    expect(await core.registry.invoke('app.openExternal', { url: 'https://findtreatment.gov/' })).toEqual({ ok: true, value: { opened: true } });
    const error = expectError(await core.registry.invoke('app.openExternal', { url: 'https://evil.example/phish' }), 'forbidden');
    expect(error.fields?.[0]?.path).toBe('url');
    expectError(await core.registry.invoke('app.openExternal', { url: 'http://findtreatment.gov/' }), 'forbidden');
    expect(core.openedLinks).toEqual(['https://findtreatment.gov/']);
  });
});
