import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, recordAuditHead } from '../../../electron/audit/auditLog';
import type { AuditPage } from '../../../shared/contract/audit';
import type { CaseSummary } from '../../../shared/contract/cases';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { auditRows, lastAuditRow, MINUTE, movableClock, type MovableClock } from '../support/auditTrail';

const DAY = 24 * 60 * MINUTE;

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let clock: MovableClock;
let caseId: string;

/** Three days of work, one a day at midday UTC (the same calendar day in any clinic's time zone). */
beforeEach(async () => {
  temp = makeTempDir('stepwise-audit-review-');
  clock = movableClock(new Date('2026-11-27T12:00:00.000Z'));
  core = await createTestCore(temp.dir, { clock });
  await core.addUser('dana', ['clinician'], 'Dana Reyes');
  await core.addUser('root', ['admin'], 'Robin Admin');
  core.close();
  expectOk(await signIn('dana')); // 1, on the 27th
  caseId = expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput())).id; // 2
  expectOk(await core.registry.invoke('auth.signOut', {})); // 3
  clock.advance(DAY);
  expectOk(await signIn('dana')); // 4, on the 28th
  expectOk(await core.registry.invoke('cases.get', { caseId })); // 5
  expect(await core.registry.invoke('users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } }); // 6
  expectOk(await core.registry.invoke('auth.signOut', {})); // 7
  clock.advance(DAY);
  expectOk(await signIn('root')); // 8, on the 29th
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const signIn = (username: string) => core.registry.invoke('auth.signIn', { username, password: TEST_PASSWORD });
const list = async (input: Record<string, unknown>) => expectOk<AuditPage>(await core.registry.invoke('audit.list', input));
const seqs = (page: AuditPage) => page.rows.map((row) => row.seq);

describe('audit.list', () => {
  it('shows the log newest first, a page at a time, with the total', async () => {
    const first = await list({ pageSize: 3 });
    expect(seqs(first)).toEqual([8, 7, 6]);
    expect(first.total).toBe(8);
    expect(seqs(await list({ pageSize: 3, page: 3 }))).toEqual([2, 1]);
    expect(first.rows[2]).toEqual({
      seq: 6,
      at: '2026-11-28T12:00:00.000Z',
      userId: 'user-dana',
      username: 'dana',
      action: 'access-denied',
      recordType: 'channel',
      recordId: 'users.list',
      outcome: 'denied',
      details: {},
    });
  });

  it.each([
    [{ action: 'sign-in' }, [8, 4, 1]],
    [{ userId: 'user-dana' }, [7, 6, 5, 4, 3, 2, 1]],
    [{ outcome: 'denied' }, [6]],
    [{ recordId: 'REPLACED-BY-CASE-ID' }, [5, 2]],
    [{ from: '2026-11-28', to: '2026-11-28' }, [7, 6, 5, 4]],
    [{ from: '2026-11-29' }, [8]],
    [{ to: '2026-11-27' }, [3, 2, 1]],
    [{ userId: '', action: 'sign-out' }, [7, 3]],
  ])('filters by %o', async (filter, expected) => {
    const withCase = Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, value === 'REPLACED-BY-CASE-ID' ? caseId : value]));
    const page = await list({ filter: withCase });
    expect(seqs(page)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it('refuses a "from" date after the "to" date beside the field', async () => {
    expect(await core.registry.invoke('audit.list', { filter: { from: '2026-11-29', to: '2026-11-28' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ path: 'filter.to', message: 'The "from" date is after the "to" date.' }] },
    });
  });

  it('is for administrators: a clinician is refused and the attempt recorded', async () => {
    await core.signInAs('dana', ['clinician']);
    for (const channel of ['audit.list', 'audit.verify', 'audit.export']) {
      expect(await core.registry.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(lastAuditRow(core)).toMatchObject({ action: 'access-denied', user_id: 'user-dana', record_type: 'channel', record_id: channel });
    }
  });
});

/** An event whose username and record id are text someone typed, written as the app writes any event. */
async function appendTypedEvent(text: string): Promise<void> {
  const event = { at: clock.now().toISOString(), userId: 'user-root', username: text, action: 'export', recordType: 'case', recordId: text } as const;
  await core.database.db.transaction().execute((trx) => appendAuditEvent(trx, event));
}

describe('audit.export', () => {
  /** Text a person could type that a spreadsheet would run as a formula. */
  const FORMULAS = ['=HYPERLINK("http://evil.example","open")', '+1+1', '-2+3', '@SUM(A1)'];

  it('saves the filtered log oldest first, the confidentiality notice first, and records that it did', async () => {
    expect(await core.registry.invoke('audit.export', { filter: { userId: 'user-dana' } })).toEqual({
      ok: true,
      value: { saved: true, fileName: 'stepwise-audit-log-2026-11-29.csv' },
    });
    const lines = (core.savedFiles.at(-1)?.content ?? '').split('\r\n');
    expect(lines[0]).toBe(`"${REDISCLOSURE_NOTICE}"`);
    expect(lines[1]).toBe('Row,Time (UTC),User id,Username,Action,Action code,Outcome,Record type,Record id,Details,Row hash');
    expect(lines.slice(2, 9).map((line) => line.split(',').slice(0, 2))).toEqual([
      ['1', '2026-11-27T12:00:00.000Z'],
      ['2', '2026-11-27T12:00:00.000Z'],
      ['3', '2026-11-27T12:00:00.000Z'],
      ['4', '2026-11-28T12:00:00.000Z'],
      ['5', '2026-11-28T12:00:00.000Z'],
      ['6', '2026-11-28T12:00:00.000Z'],
      ['7', '2026-11-28T12:00:00.000Z'],
    ]);
    expect(lines[6]).toContain(`,Case viewed,case-viewed,ok,case,${caseId},`);
    expect(lines.slice(9)).toEqual(['']);
    expect(lastAuditRow(core)).toMatchObject({ action: 'audit-exported', user_id: 'user-root', details: '{"rows":7}' });
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    for (const text of FORMULAS) await appendTypedEvent(text);
    await recordAuditHead(core.vault);
    expectOk(await core.registry.invoke('audit.export', { filter: { action: 'export' } }));
    const csv = core.savedFiles.at(-1)?.content ?? '';
    for (const text of FORMULAS) {
      const quoted = text.includes('"') || text.includes(',') ? `"'${text.replace(/"/g, '""')}"` : `'${text}`;
      expect(csv).toContain(`,${quoted},`);
      expect(csv).not.toMatch(new RegExp(`(^|,)${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    }
    expect(auditRows(core).at(-1)).toMatchObject({ action: 'audit-exported', details: `{"rows":${FORMULAS.length}}` });
  });
});
