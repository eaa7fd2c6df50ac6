import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import type { AuthStatus, SessionUser, SignedIn } from '../../shared/contract/auth';
import type { Result } from '../../shared/contract/result';
import { ROLE_LABELS, type Role } from '../../shared/domain/roles';
import { call, callOrThrow } from './api/client';
import { onSessionEnded } from './components/sessionEvents';
import { TopBar } from './components/TopBar';
import { SessionContext, useSession, userHasRole, type AppSession, type Route } from './navigation';
import { AboutPage } from './pages/AboutPage';
import { SettingsPage } from './pages/SettingsPage';
import { AdminPage } from './pages/AdminPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { ImportPage } from './import/ImportPage';
import { BackupsPage } from './pages/BackupsPage';
import { PacketsPage } from './pages/PacketsPage';
import { CaseSummaryPage } from './pages/CaseSummaryPage';
import { DisclosureHistoryPage } from './pages/DisclosureHistoryPage';
import { AssessmentPage } from './pages/AssessmentPage';
import { defaultCaseloadView, type CaseloadView } from './pages/caseloadQuery';
import { CaseloadPage } from './pages/CaseloadPage';
import { prefetchFirstCaseload } from './pages/useCaseloadWindows';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { DecisionPage } from './pages/DecisionPage';
import { OverviewPage } from './pages/OverviewPage';
import { RecoverAccountPage } from './pages/RecoverAccountPage';
import { RecoveryKeyPage, type RecoveryKeyOccasion } from './pages/RecoveryKeyPage';
import { ReviewQueuePage } from './pages/ReviewQueuePage';
import { RulesPage } from './pages/RulesPage';
import { SetupAdminPage } from './pages/SetupAdminPage';
import { SignInPage } from './pages/SignInPage';
import { useAutoLock } from './session/useAutoLock';

// The screens with charts load with the charting library when first opened, so the caseload (the first screen)
// does not wait for half a megabyte of script it does not use.
const ReportsPage = lazy(() => import('./pages/ReportsPage').then((module) => ({ default: module.ReportsPage })));
const RetrospectivePage = lazy(() => import('./pages/RetrospectivePage').then((module) => ({ default: module.RetrospectivePage })));
const CaseDetailPage = lazy(() => import('./pages/CaseDetailPage').then((module) => ({ default: module.CaseDetailPage })));

type AuthState =
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'setup' }
  | { readonly kind: 'signed-out'; readonly notice: string | null; readonly username?: string }
  | { readonly kind: 'recover' }
  /** Signed in, and holding the recovery key until the person confirms they have written it down; never kept after. */
  | { readonly kind: 'recovery-key'; readonly user: SessionUser; readonly recoveryKey: string; readonly occasion: RecoveryKeyOccasion }
  | { readonly kind: 'signed-in'; readonly user: SessionUser };

function authStateOf(status: Result<AuthStatus>): AuthState {
  if (!status.ok) return { kind: 'unreachable', message: status.error.message };
  if (status.value.setupRequired) return { kind: 'setup' };
  return status.value.user ? { kind: 'signed-in', user: status.value.user } : { kind: 'signed-out', notice: null };
}

interface AppProps {
  /** The auth status the window asked for as it opened (see boot.ts); its caseload's first rows are prefetched already. */
  readonly initialStatus: Result<AuthStatus>;
}

export function App({ initialStatus }: AppProps) {
  const queryClient = useQueryClient();
  const [auth, setAuth] = useState<AuthState>(() => authStateOf(initialStatus));
  const [statusCheck, setStatusCheck] = useState(0);

  // The caseload is the first screen once signed in: its first rows are asked for now, while that screen renders.
  const prefetchCaseload = useCallback((user: SessionUser) => prefetchFirstCaseload(queryClient, user), [queryClient]);

  // "Try again" after the database could not be opened.
  useEffect(() => {
    if (statusCheck === 0) return undefined;
    let current = true;
    void call('auth.status', {}).then((result) => {
      if (!current) return;
      const next = authStateOf(result);
      if (next.kind === 'signed-in') prefetchCaseload(next.user);
      setAuth(next);
    });
    return () => {
      current = false;
    };
  }, [statusCheck, prefetchCaseload]);

  // Clearing the cache on every change of user keeps no case data in memory for the next person; unmounting the
  // signed-in screens drops whatever their forms held.
  const endSession = useCallback(
    (notice: string | null, username?: string) => {
      queryClient.clear();
      setAuth(username === undefined ? { kind: 'signed-out', notice } : { kind: 'signed-out', notice, username });
    },
    [queryClient],
  );
  const beginSession = useCallback(
    (user: SessionUser) => {
      queryClient.clear();
      prefetchCaseload(user);
      setAuth({ kind: 'signed-in', user });
    },
    [queryClient, prefetchCaseload],
  );
  // A recovery key comes back once (first start, or the sign-in that encrypted an older database); it lives only
  // in this state, which the next screen replaces.
  const signedIn = useCallback(
    (result: SignedIn, occasion: RecoveryKeyOccasion) => {
      queryClient.clear();
      if (result.recoveryKey === null) prefetchCaseload(result.user);
      setAuth(
        result.recoveryKey === null
          ? { kind: 'signed-in', user: result.user }
          : { kind: 'recovery-key', user: result.user, recoveryKey: result.recoveryKey, occasion },
      );
    },
    [queryClient, prefetchCaseload],
  );
  const replaceUser = useCallback((user: SessionUser) => setAuth({ kind: 'signed-in', user }), []);
  const endedElsewhere = useCallback((notice: string) => endSession(notice), [endSession]);
  // Only a signed-in screen learns that its session ended; a lock already under way keeps its own message.
  useEffect(
    () =>
      onSessionEnded(() => {
        queryClient.clear();
        setAuth((current) =>
          current.kind === 'signed-in'
            ? { kind: 'signed-out', notice: 'Your session ended. Sign in again to continue.', username: current.user.username }
            : current,
        );
      }),
    [queryClient],
  );

  const signOut = useCallback(async () => {
    const result = await call('auth.signOut', {});
    endSession(
      result.ok
        ? 'Signed out. The records are locked until someone signs in.'
        : `Stepwise could not confirm the sign-out (${result.error.message}) Close the app to be sure.`,
    );
  }, [endSession]);

  const lock = useCallback(
    async (reason: 'inactivity' | 'manual', user: SessionUser, minutes: number | null) => {
      // Cleared first: even if the main process cannot be reached, nothing stays on screen or in memory.
      endSession(null, user.username);
      const result = await call('auth.lock', { reason });
      const quiet = minutes === null ? 'a while' : `${minutes} minute${minutes === 1 ? '' : 's'}`;
      const why = reason === 'inactivity' ? `Stepwise locked after ${quiet} without activity.` : 'Stepwise is locked.';
      endSession(
        result.ok || result.error.code === 'unauthenticated'
          ? `${why} The records on screen were cleared; anything not saved was not kept. Sign in to continue.`
          : `${why} The main process did not confirm the lock (${result.error.message}) Close the app to be sure.`,
        user.username,
      );
    },
    [endSession],
  );

  switch (auth.kind) {
    case 'unreachable':
      return (
        <main className="auth-screen">
          <div className="auth-card">
            <h1>Stepwise cannot open its database</h1>
            <p role="alert" className="form-error">
              {auth.message}
            </p>
            <button type="button" className="button-primary" onClick={() => setStatusCheck(statusCheck + 1)}>
              Try again
            </button>
          </div>
        </main>
      );
    case 'setup':
      return <SetupAdminPage onCreated={(result) => signedIn(result, 'setup')} />;
    case 'signed-out':
      return (
        <SignInPage
          key={auth.notice ?? ''}
          notice={auth.notice}
          username={auth.username}
          onSignedIn={(result) => signedIn(result, 'encrypted')}
          onRecover={() => setAuth({ kind: 'recover' })}
        />
      );
    case 'recover':
      return (
        <RecoverAccountPage onRecovered={(result) => signedIn(result, 'encrypted')} onCancel={() => setAuth({ kind: 'signed-out', notice: null })} />
      );
    case 'recovery-key':
      return (
        <RecoveryKeyPage
          recoveryKey={auth.recoveryKey}
          user={auth.user}
          occasion={auth.occasion}
          onContinue={() => setAuth({ kind: 'signed-in', user: auth.user })}
        />
      );
    case 'signed-in':
      if (auth.user.mustChangePassword) {
        return <ChangePasswordPage user={auth.user} forced onChanged={beginSession} onSignOut={signOut} />;
      }
      return (
        <SignedInApp key={auth.user.id} user={auth.user} onUserChange={replaceUser} onEndedElsewhere={endedElsewhere} signOut={signOut} lock={lock} />
      );
  }
}

/** Screens only some roles may open; the main process refuses their channels to everyone else anyway. */
const ROUTE_ROLES: Partial<Record<Route['page'], readonly Role[]>> = {
  queue: ['supervisor'],
  overview: ['supervisor'],
  admin: ['admin'],
  audit: ['admin'],
  import: ['supervisor', 'admin'],
  retrospective: ['supervisor', 'admin'],
  backups: ['admin'],
  packets: ['clinician', 'supervisor'],
  settings: ['admin'],
};

const ROUTE_TITLES: Readonly<Record<Route['page'], string>> = {
  caseload: 'Caseload',
  case: 'Case',
  assess: 'Assessment',
  decide: 'Placement decision',
  'case-summary': 'Case review',
  disclosures: 'Disclosure history',
  queue: 'Review queue',
  overview: 'Supervisor overview',
  rules: 'Rules',
  admin: 'Admin',
  audit: 'Audit log',
  import: 'Import',
  retrospective: 'Retrospective review',
  backups: 'Backups',
  packets: 'Review packets',
  account: 'Change password',
  reports: 'Reports',
  settings: 'Settings',
  about: 'About',
};

interface SignedInAppProps {
  readonly user: SessionUser;
  readonly onUserChange: (user: SessionUser) => void;
  readonly onEndedElsewhere: (notice: string) => void;
  readonly signOut: () => Promise<void>;
  readonly lock: (reason: 'inactivity' | 'manual', user: SessionUser, minutes: number | null) => Promise<void>;
}

/** Everything a signed-in person sees; it is remounted per user, so no screen state carries over. */
function SignedInApp({ user, onUserChange, onEndedElsewhere, signOut, lock }: SignedInAppProps) {
  const [route, setRoute] = useState<Route>({ page: 'caseload' });
  const [caseloadView, setCaseloadView] = useState<CaseloadView>(() => defaultCaseloadView(user));
  // The main process says how long a quiet session lasts; an administrator's change applies on the next check.
  const lockAfter = useQuery({ queryKey: ['auth.activity'], queryFn: () => callOrThrow('auth.activity', {}), staleTime: Infinity });
  const minutes = lockAfter.data?.autoLockMinutes ?? null;
  useAutoLock(minutes, () => void lock('inactivity', user, minutes));
  const lockNow = useCallback(() => void lock('manual', user, minutes), [lock, user, minutes]);

  const session = useMemo<AppSession>(
    () => ({ user, route, navigate: setRoute, signOut, lockNow, updateUser: onUserChange, endSession: onEndedElsewhere }),
    [user, route, signOut, lockNow, onUserChange, onEndedElsewhere],
  );

  useEffect(() => {
    document.title = `${ROUTE_TITLES[route.page]} · Stepwise`;
    // A screen that took focus for itself keeps it; otherwise start the next one from the top.
    if (document.activeElement === document.body || document.activeElement === null) document.getElementById('main')?.focus();
  }, [route]);

  return (
    <SessionContext.Provider value={session}>
      <div className="app">
        <TopBar user={user} route={route} navigate={setRoute} onSignOut={() => void signOut()} onLock={lockNow} />
        <main id="main" className="app-main" tabIndex={-1}>
          <RouteView caseloadView={caseloadView} onCaseloadViewChange={setCaseloadView} />
        </main>
      </div>
    </SessionContext.Provider>
  );
}

interface RouteViewProps {
  readonly caseloadView: CaseloadView;
  readonly onCaseloadViewChange: Dispatch<SetStateAction<CaseloadView>>;
}

function RouteView(props: RouteViewProps) {
  return (
    <Suspense
      fallback={
        <p className="muted" aria-busy="true">
          Loading…
        </p>
      }
    >
      <RoutePage {...props} />
    </Suspense>
  );
}

function RoutePage({ caseloadView, onCaseloadViewChange }: RouteViewProps) {
  const session = useSession();
  const { route, user } = session;
  const allowed = ROUTE_ROLES[route.page];
  if (allowed && !userHasRole(user, ...allowed)) {
    return (
      <section className="page prose" aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">{ROUTE_TITLES[route.page]}</h1>
        <p>
          This screen is for {allowed.map((role) => `${ROLE_LABELS[role].toLowerCase()}s`).join(' or ')}. Ask an administrator if you need that role.
        </p>
      </section>
    );
  }
  switch (route.page) {
    case 'caseload':
      return <CaseloadPage view={caseloadView} onViewChange={onCaseloadViewChange} />;
    case 'case':
      return <CaseDetailPage key={route.caseId} caseId={route.caseId} />;
    case 'assess':
      return <AssessmentPage key={`${route.caseId}/${route.amendsId ?? ''}`} caseId={route.caseId} amendsId={route.amendsId} />;
    case 'decide':
      return (
        <DecisionPage
          key={`${route.caseId}/${route.assessmentId}/${route.decisionId ?? ''}/${route.supersedesId ?? ''}`}
          caseId={route.caseId}
          assessmentId={route.assessmentId}
          decisionId={route.decisionId}
          supersedesId={route.supersedesId}
        />
      );
    case 'queue':
      return <ReviewQueuePage />;
    case 'overview':
      return <OverviewPage />;
    case 'rules':
      return <RulesPage />;
    case 'admin':
      return <AdminPage />;
    case 'audit':
      return <AuditLogPage />;
    case 'import':
      return <ImportPage key={route.kind ?? ''} initialKind={route.kind} />;
    case 'retrospective':
      return <RetrospectivePage key={route.datasetId ?? ''} datasetId={route.datasetId} />;
    case 'backups':
      return <BackupsPage />;
    case 'packets':
      return <PacketsPage />;
    case 'case-summary':
      return <CaseSummaryPage key={route.caseId} caseId={route.caseId} />;
    case 'disclosures':
      return <DisclosureHistoryPage key={route.caseId} caseId={route.caseId} />;
    case 'account':
      return (
        <ChangePasswordPage
          user={user}
          forced={false}
          onChanged={(changed) => session.updateUser(changed)}
          onDone={() => session.navigate({ page: 'caseload' })}
        />
      );
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'about':
      return <AboutPage />;
  }
}
