import { createContext, useContext } from 'react';
import type { SessionUser } from '../../shared/contract/auth';
import type { ImportKind } from '../../shared/import/fields';

/** Every screen of the signed-in app. Screens move between each other only through `navigate`. */
export type Route =
  | { readonly page: 'caseload' }
  | { readonly page: 'case'; readonly caseId: string }
  | { readonly page: 'assess'; readonly caseId: string; readonly amendsId?: string }
  | {
      readonly page: 'decide';
      readonly caseId: string;
      readonly assessmentId: string;
      /** Edit this draft or returned decision. */
      readonly decisionId?: string;
      /** Record a correction of this approved decision. */
      readonly supersedesId?: string;
    }
  /** The printable case review of one case, to save as PDF or give to someone outside the clinic. */
  | { readonly page: 'case-summary'; readonly caseId: string }
  /** The case's accounting of disclosures (42 CFR part 2), printable. */
  | { readonly page: 'disclosures'; readonly caseId: string }
  | { readonly page: 'queue' }
  | { readonly page: 'overview' }
  | { readonly page: 'rules' }
  | { readonly page: 'admin' }
  | { readonly page: 'audit' }
  /** Cases, assessments, episodes or a TEDS-D file from a CSV file; `kind` preselects what the file holds. */
  | { readonly page: 'import'; readonly kind?: ImportKind }
  /** The retrospective review of an imported TEDS-D dataset (the newest unless one is named). */
  | { readonly page: 'retrospective'; readonly datasetId?: string }
  | { readonly page: 'backups' }
  /** Review packets: decisions to and sign-offs from a supervisor on another installation. */
  | { readonly page: 'packets' }
  | { readonly page: 'account' }
  | { readonly page: 'reports' }
  | { readonly page: 'settings' }
  | { readonly page: 'about' };

export interface AppSession {
  readonly user: SessionUser;
  readonly route: Route;
  readonly navigate: (route: Route) => void;
  readonly signOut: () => Promise<void>;
  /** Locks at once: the screen is cleared and the same person signs back in. */
  readonly lockNow: () => void;
  /** Called after a password change, which returns the refreshed user. */
  readonly updateUser: (user: SessionUser) => void;
  /** The main process already ended the session (a restore without this account): show the sign-in screen with why. */
  readonly endSession: (notice: string) => void;
}

export const SessionContext = createContext<AppSession | null>(null);

export function useSession(): AppSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside the signed-in app');
  return session;
}

export { userHasRole } from './session/userRoles';
