import type { AuthStatus, SessionUser } from '../../shared/contract/auth';
import type { CasePage, ListCasesInput } from '../../shared/contract/cases';
import type { Result } from '../../shared/contract/result';
import { firstCaseloadInput } from './pages/caseloadQuery';

/**
 * The window's first two calls, made by its first, small script while the app's screens load and run: who is
 * signed in, then that person's first caseload page. Each answer is handed over once and not kept after, so no case
 * data stays here once the app holds it (the app clears its own cache whenever the person changes).
 */
export interface FirstCalls {
  /** The auth status, asked for as the window opened. */
  readonly authStatus: Promise<Result<AuthStatus>>;
  /** The first page of the signed-in person's default caseload, if it was asked for; null after the first take. */
  takeFirstCaseload(): Promise<Result<CasePage>> | null;
}

/** The two channels the first calls use. */
export interface FirstCallsBridge {
  authStatus(): Promise<Result<AuthStatus>>;
  listCases(input: ListCasesInput): Promise<Result<CasePage>>;
}

/** The person the auth status says is signed in, if any (none while the first administrator is to be set up). */
export function signedInUser(status: Result<AuthStatus>): SessionUser | null {
  return status.ok && !status.value.setupRequired ? status.value.user : null;
}

export function beginFirstCalls(bridge: FirstCallsBridge): FirstCalls {
  let firstCaseload: Promise<Result<CasePage>> | null = null;
  let taken = false;
  const authStatus = bridge.authStatus().then((result) => {
    const user = signedInUser(result);
    if (user && !user.mustChangePassword && !taken) firstCaseload = bridge.listCases(firstCaseloadInput(user));
    return result;
  });
  return {
    authStatus,
    takeFirstCaseload() {
      const answer = firstCaseload;
      firstCaseload = null;
      taken = true;
      return answer;
    },
  };
}
