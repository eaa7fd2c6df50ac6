import { useQuery } from '@tanstack/react-query';
import type { SessionUser } from '../../../shared/contract/auth';
import type { Role } from '../../../shared/domain/roles';
import { callOrThrow } from '../api/client';
import { userHasRole, type Route } from '../navigation';
import { UserMenu } from './UserMenu';

type TopPage =
  | 'caseload'
  | 'queue'
  | 'packets'
  | 'overview'
  | 'import'
  | 'reports'
  | 'retrospective'
  | 'rules'
  | 'admin'
  | 'audit'
  | 'backups'
  | 'settings'
  | 'about';

interface NavItem {
  readonly page: TopPage;
  readonly label: string;
  /** Who sees the item; the main process enforces the same roles on the channels behind it. */
  readonly roles: readonly Role[] | null;
}

const NAV_ITEMS: readonly NavItem[] = [
  { page: 'caseload', label: 'Caseload', roles: null },
  { page: 'queue', label: 'Review queue', roles: ['supervisor'] },
  { page: 'packets', label: 'Packets', roles: ['clinician', 'supervisor'] },
  { page: 'overview', label: 'Overview', roles: ['supervisor'] },
  { page: 'import', label: 'Import', roles: ['supervisor', 'admin'] },
  { page: 'reports', label: 'Reports', roles: null },
  { page: 'retrospective', label: 'Retrospective', roles: ['supervisor', 'admin'] },
  { page: 'rules', label: 'Rules', roles: null },
  { page: 'admin', label: 'Admin', roles: ['admin'] },
  { page: 'audit', label: 'Audit log', roles: ['admin'] },
  { page: 'backups', label: 'Backups', roles: ['admin'] },
  { page: 'settings', label: 'Settings', roles: ['admin'] },
  { page: 'about', label: 'About', roles: null },
];

/** Case, assessment and decision screens belong under the caseload in the top bar. */
function topPageOf(route: Route): TopPage | null {
  switch (route.page) {
    case 'case':
    case 'assess':
    case 'decide':
    case 'case-summary':
    case 'disclosures':
      return 'caseload';
    case 'account':
      return null;
    default:
      return route.page;
  }
}

export function navItemsFor(user: SessionUser): readonly NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === null || userHasRole(user, ...item.roles));
}

interface Props {
  readonly user: SessionUser;
  readonly route: Route;
  readonly navigate: (route: Route) => void;
  readonly onSignOut: () => void;
  readonly onLock: () => void;
}

export function TopBar({ user, route, navigate, onSignOut, onLock }: Props) {
  const supervisor = userHasRole(user, 'supervisor');
  // Only the count: a county programme's queue holds thousands of decisions.
  const pending = useQuery({
    queryKey: ['decisions.queueCount'],
    queryFn: () => callOrThrow('decisions.queueCount', {}),
    select: (count) => count.pending,
    enabled: supervisor,
    refetchInterval: 60_000,
  });
  const current = topPageOf(route);

  return (
    <header className="app-bar">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        Skip to the page
      </button>
      <span className="brand" aria-label="Stepwise">
        <span aria-hidden="true" className="brand-mark">
          ▁▃▅
        </span>
        Stepwise
      </span>
      <nav aria-label="Main">
        {navItemsFor(user).map((item) => (
          <button
            key={item.page}
            type="button"
            className="nav-link"
            aria-current={current === item.page ? 'page' : undefined}
            onClick={() => navigate({ page: item.page })}
          >
            {item.label}
            {item.page === 'queue' && pending.data !== undefined && pending.data > 0 && (
              <span className="nav-count">
                {pending.data}
                <span className="visually-hidden"> pending</span>
              </span>
            )}
          </button>
        ))}
      </nav>
      <span className="offline-note" title="Stepwise works offline; records stay on this computer">
        Offline
      </span>
      <UserMenu user={user} onChangePassword={() => navigate({ page: 'account' })} onLock={onLock} onSignOut={onSignOut} />
    </header>
  );
}
