import fs from 'node:fs';
import { testJobRunner } from '../../support/testJobs';
import { createImportSessions } from '../../../electron/import/importSessions';
import { createJobProgressBoard } from '../../../electron/jobs/jobProgressBoard';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../shared/contract/cases';
import { handlers } from '../../../electron/ipc/handlers';
import { createRegistry, type HandlerMap } from '../../../electron/ipc/registry';
import { createFileLogger } from '../../../electron/log/logger';
import { makeAssessmentInput } from '../../factories/assessments';
import { expectOk } from '../../support/seed';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const PATIENT = { mrn: 'PHI-90817', fullName: 'Rosalind Quennell', dateOfBirth: '1979-06-23' };

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let logFile: string;

beforeEach(async () => {
  temp = makeTempDir('stepwise-logs-');
  logFile = path.join(temp.dir, 'logs', 'stepwise.log');
  core = await createTestCore(temp.dir, { fileLog: logFile });
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

function logText(): string {
  return fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
}

describe('the log file holds no patient data', () => {
  it('after a day of work, refused requests, failed sign-ins and internal errors that quote a patient', async () => {
    await core.addUser('dana', ['clinician']);
    await core.addUser('morgan', ['admin']);
    expect((await core.registry.invoke('auth.signIn', { username: 'dana', password: 'wrong password here' })).ok).toBe(false);
    expect((await core.registry.invoke('auth.signIn', { username: PATIENT.fullName, password: TEST_PASSWORD })).ok).toBe(false);
    expectOk(await core.registry.invoke('auth.signIn', { username: 'dana', password: TEST_PASSWORD }));
    const created = expectOk<CaseSummary>(await core.registry.invoke('cases.create', PATIENT));
    expectOk(await core.registry.invoke('assessments.save', makeAssessmentInput(created.id)));
    expect((await core.registry.invoke('cases.create', PATIENT)).ok).toBe(false);
    expect((await core.registry.invoke('cases.update', { ...PATIENT, caseId: created.id, dateOfBirth: '2999-01-01' })).ok).toBe(false);
    expect((await core.registry.invoke('users.list', {})).ok).toBe(false);

    // A library that echoes its input in an error, and a handler whose output breaks the contract with a name in it.
    const failing: HandlerMap = {
      ...handlers,
      'cases.list': {
        kind: 'query',
        audit: 'not-audited',
        handle: async () => {
          throw new SyntaxError(`Unexpected token in JSON at position 12: "${PATIENT.fullName}" (MRN ${PATIENT.mrn}, born ${PATIENT.dateOfBirth})`);
        },
      },
      'demo.status': { kind: 'query', audit: 'not-audited', handle: async () => ({ totalCases: PATIENT.fullName, syntheticCases: 0 }) as never },
    };
    const registry = createRegistry({
      handlers: failing,
      logger: createFileLogger(logFile),
      context: {
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
      },
    });
    expect(await registry.invoke('cases.list', { search: PATIENT.fullName })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await registry.invoke('demo.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expectOk(await core.registry.invoke('auth.signOut', {}));

    const log = logText();
    // The log was written: the errors are there, by kind and place, without what they quoted.
    expect(log).toMatch(
      /"message":"Request failed","channel":"cases.list","error":"SyntaxError","reason":"Unexpected token in JSON at position 12: \\"…\\" \(MRN PHI-#, born \(date\)\)"/,
    );
    expect(log).toContain('Handler returned output that breaks the contract');
    for (const secret of ['Rosalind', 'Quennell', '90817', '1979', '06-23', TEST_PASSWORD])
      expect(log, `the log mentions ${secret}`).not.toContain(secret);
  });
});
