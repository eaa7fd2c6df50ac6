import type { SessionUser } from '../../shared/contract/auth';

/**
 * Who is signed in to this window. Lives only in the main process: the renderer learns the user from
 * auth.status but can never set it, and every channel's access is checked against this.
 */
export interface SessionStore {
  readonly user: SessionUser | null;
  begin(user: SessionUser): void;
  end(): void;
}

export function createSessionStore(): SessionStore {
  let current: SessionUser | null = null;
  return {
    get user() {
      return current;
    },
    begin(user) {
      current = user;
    },
    end() {
      current = null;
    },
  };
}
