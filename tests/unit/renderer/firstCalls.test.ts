import { describe, expect, it } from 'vitest';
import type { AuthStatus, SessionUser } from '../../../shared/contract/auth';
import type { CasePage, ListCasesInput } from '../../../shared/contract/cases';
import type { Result } from '../../../shared/contract/result';
import { beginFirstCalls, type FirstCallsBridge } from '../../../renderer/src/boot';
import { caseloadQueryOf, caseloadWindowInput, defaultCaseloadView, firstCaseloadInput } from '../../../renderer/src/pages/caseloadQuery';

const clinician: SessionUser = { id: 'u1', username: 'ana', displayName: 'Ana', roles: ['clinician'], mustChangePassword: false };
const supervisor: SessionUser = { ...clinician, id: 'u2', username: 'sam', roles: ['supervisor'] };
const page: CasePage = { rows: [], outsideCaseload: null, total: 0, page: 1, pageSize: 100 };

function status(value: Partial<AuthStatus>): Result<AuthStatus> {
  return { ok: true, value: { setupRequired: false, user: null, autoLockMinutes: 15, ...value } };
}

/** The main process as the first script sees it, counting what it is asked. */
function bridgeAnswering(answer: Result<AuthStatus>) {
  const asked: ListCasesInput[] = [];
  let release: (status: Result<AuthStatus>) => void = () => undefined;
  const pending = new Promise<Result<AuthStatus>>((resolve) => {
    release = resolve;
  });
  const bridge: FirstCallsBridge = {
    authStatus: () => pending,
    listCases: async (input) => {
      asked.push(input);
      return { ok: true, value: page };
    },
  };
  return { bridge, asked, answer: () => release(answer) };
}

describe('the window’s first calls', () => {
  it('asks for a signed-in clinician’s own caseload as soon as the auth status comes back, and hands it over once', async () => {
    const main = bridgeAnswering(status({ user: clinician }));
    const calls = beginFirstCalls(main.bridge);
    expect(main.asked).toEqual([]);
    main.answer();
    await expect(calls.authStatus).resolves.toEqual(status({ user: clinician }));
    expect(main.asked).toEqual([firstCaseloadInput(clinician)]);
    expect(main.asked[0]).toMatchObject({ clinician: 'mine', sortBy: 'fullName', sortDir: 'asc', page: 1, pageSize: 100, search: '' });
    await expect(calls.takeFirstCaseload()).resolves.toEqual({ ok: true, value: page });
    expect(calls.takeFirstCaseload()).toBeNull();
  });

  it('asks for exactly the page the caseload screen asks for first', () => {
    expect(firstCaseloadInput(supervisor)).toEqual(caseloadWindowInput(caseloadQueryOf(defaultCaseloadView(supervisor), ''), 0));
    expect(firstCaseloadInput(supervisor)).toMatchObject({ clinician: 'all' });
  });

  const notSignedIn: [string, Result<AuthStatus>][] = [
    ['nobody is signed in', status({ user: null })],
    ['the first administrator is still to be set up', status({ setupRequired: true, user: null })],
    ['the person must change their password first', status({ user: { ...clinician, mustChangePassword: true } })],
    ['the database could not be opened', { ok: false, error: { code: 'unavailable', message: 'The database is locked.' } }],
  ];
  it.each(notSignedIn)('asks for no case when %s', async (_, answer) => {
    const main = bridgeAnswering(answer);
    const calls = beginFirstCalls(main.bridge);
    main.answer();
    await expect(calls.authStatus).resolves.toEqual(answer);
    expect(main.asked).toEqual([]);
    expect(calls.takeFirstCaseload()).toBeNull();
  });

  it('asks for no case once the app has taken over before the auth status came back', async () => {
    const main = bridgeAnswering(status({ user: supervisor }));
    const calls = beginFirstCalls(main.bridge);
    expect(calls.takeFirstCaseload()).toBeNull();
    main.answer();
    await calls.authStatus;
    expect(main.asked).toEqual([]);
  });
});
