import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UserSummary } from '../../../shared/contract/users';
import { call, callOrThrow } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DemoTag } from '../components/DemoTag';
import { formatRoles } from '../components/formatRoles';
import { useShortcut } from '../components/useShortcut';
import { useSession } from '../navigation';
import { AdminPasswordDialog } from './AdminPasswordDialog';
import { AdminReassignPanel } from './AdminReassignPanel';
import { AdminRolesDialog } from './AdminRolesDialog';
import { AdminUserDialog } from './AdminUserDialog';

type AdminAction =
  | { readonly kind: 'add' }
  | { readonly kind: 'roles'; readonly user: UserSummary }
  | { readonly kind: 'password'; readonly user: UserSummary }
  | { readonly kind: 'deactivate'; readonly user: UserSummary };

/** A message after an action; when someone still cannot sign in, it offers the way to fix that. */
interface AdminNotice {
  readonly message: string;
  readonly setPasswordFor?: UserSummary;
}

/** Active, real accounts with no key to the encrypted records: a temporary password gives them one. */
export function needsTemporaryPassword(user: UserSummary): boolean {
  return user.active && !user.synthetic && !user.canSignIn;
}

export function AdminPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => callOrThrow('users.list', {}) });
  const [action, setAction] = useState<AdminAction | null>(null);
  const [notice, setNotice] = useState<AdminNotice | null>(null);
  useShortcut('a', () => setAction({ kind: 'add' }), action === null);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['users.list'] });
    await queryClient.invalidateQueries({ queryKey: ['users.clinicians'] });
    await queryClient.invalidateQueries({ queryKey: ['cases.list'] });
  };
  const finish = async (message: string | AdminNotice) => {
    setAction(null);
    setNotice(typeof message === 'string' ? { message } : message);
    await refresh();
  };
  const setActive = async (user: UserSummary, active: boolean): Promise<string | null> => {
    const result = await call(active ? 'users.reactivate' : 'users.deactivate', { userId: user.id });
    if (!result.ok) return result.error.message;
    const changed = result.value;
    if (!active) await finish(`${changed.displayName} can no longer sign in.`);
    else if (needsTemporaryPassword(changed))
      await finish({ message: `Reactivated. Set a temporary password so ${changed.displayName} can sign in.`, setPasswordFor: changed });
    else await finish(`${changed.displayName} can sign in again.`);
    return null;
  };

  const list = users.data?.users ?? [];
  const withoutKey = list.filter(needsTemporaryPassword);
  return (
    <section className="page page-scroll" aria-labelledby="admin-title">
      <header className="page-header">
        <h1 id="admin-title">Users and caseloads</h1>
        <button type="button" className="button-primary" onClick={() => setAction({ kind: 'add' })}>
          Add user <kbd>A</kbd>
        </button>
      </header>
      {notice && (
        <div className="notice">
          <p role="status">{notice.message}</p>
          <div className="notice-actions">
            {notice.setPasswordFor && (
              <button
                type="button"
                className="button-primary"
                autoFocus
                onClick={() => notice.setPasswordFor && setAction({ kind: 'password', user: notice.setPasswordFor })}
              >
                Set a temporary password for {notice.setPasswordFor.displayName}
              </button>
            )}
            <button type="button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      {withoutKey.length > 0 && !notice?.setPasswordFor && (
        <p className="key-missing-banner" role="note">
          <span aria-hidden="true" className="key-missing-mark">
            !
          </span>{' '}
          {withoutKey.length === 1 ? withoutKey[0]?.displayName : `${withoutKey.length} people`} cannot sign in yet: Stepwise has no key to the
          encrypted records for them. Give {withoutKey.length === 1 ? 'them' : 'each'} a temporary password with Reset password.
        </p>
      )}
      {users.error && (
        <p role="alert" className="form-error">
          {users.error.message}
        </p>
      )}
      {users.data ? (
        <div className="table-frame">
          <table className="data-table" aria-label="Users">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Active cases
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((user) => (
                <UserRow key={user.id} user={user} isSelf={user.id === session.user.id} onAction={setAction} onReactivate={setActive} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        !users.error && (
          <p className="muted" aria-busy="true">
            Loading users…
          </p>
        )
      )}
      {list.length === 1 && (
        <p className="muted">You are the only user so far. Add the clinicians and supervisors who will use Stepwise on this computer.</p>
      )}

      {users.data && <AdminReassignPanel users={list} onMoved={finish} />}

      {action?.kind === 'add' && (
        <AdminUserDialog
          onClose={() => setAction(null)}
          onCreated={(user) => void finish(`Added ${user.displayName} (${user.username}). They choose their own password when they first sign in.`)}
        />
      )}
      {action?.kind === 'roles' && (
        <AdminRolesDialog
          user={action.user}
          onClose={() => setAction(null)}
          onSaved={(user) => {
            if (user.id === session.user.id) session.updateUser({ ...session.user, roles: user.roles });
            void finish(`${user.displayName} now has the roles: ${formatRoles(user.roles)}.`);
          }}
        />
      )}
      {action?.kind === 'password' && (
        <AdminPasswordDialog
          user={action.user}
          onClose={() => setAction(null)}
          onReset={(user) =>
            void finish(
              action.user.canSignIn
                ? `The password of ${user.displayName} was reset. They must choose a new one when they sign in.`
                : `${user.displayName} can now sign in with the temporary password, and must then choose their own.`,
            )
          }
        />
      )}
      {action?.kind === 'deactivate' && (
        <ConfirmDialog
          title="Deactivate a user"
          destructive
          message={
            <>
              <p>Deactivate {action.user.displayName}? They will no longer be able to sign in; their cases stay assigned until you reassign them.</p>
              <p>Their key to the encrypted records is destroyed. If you reactivate them later, you give them a temporary password.</p>
            </>
          }
          confirmLabel={`Deactivate ${action.user.displayName}`}
          onConfirm={() => setActive(action.user, false)}
          onCancel={() => setAction(null)}
        />
      )}
    </section>
  );
}

interface UserRowProps {
  readonly user: UserSummary;
  readonly isSelf: boolean;
  readonly onAction: (action: AdminAction) => void;
  readonly onReactivate: (user: UserSummary, active: boolean) => Promise<string | null>;
}

function UserRow({ user, isSelf, onAction, onReactivate }: UserRowProps) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <tr className={user.active ? undefined : 'inactive-row'}>
      <td>
        {user.displayName}
        {isSelf && <span className="muted"> (you)</span>}
        {user.synthetic && <DemoTag what="user" />}
        {user.remote && <span className="muted"> (from another installation)</span>}
      </td>
      <td className="mono">{user.username}</td>
      <td>{formatRoles(user.roles)}</td>
      <td>
        <UserStatus user={user} />
      </td>
      <td className="numeric">{user.activeCases}</td>
      <td className="row-actions">
        <button type="button" className="link-button" aria-label={`Roles of ${user.displayName}`} onClick={() => onAction({ kind: 'roles', user })}>
          Roles
        </button>
        {!user.synthetic && !user.remote && (
          <button
            type="button"
            className="link-button"
            aria-label={`Reset password of ${user.displayName}`}
            onClick={() => onAction({ kind: 'password', user })}
          >
            Reset password
          </button>
        )}
        {user.synthetic && !user.active ? (
          <span className="muted" title="Demo accounts exist only to hold demo cases; they cannot sign in.">
            Demo account, cannot sign in
          </span>
        ) : user.remote ? (
          <span className="muted" title="This user came in a review packet; they sign in on their own installation.">
            From another installation, cannot sign in here
          </span>
        ) : user.active ? (
          <button
            type="button"
            className="link-button danger"
            aria-label={`Deactivate ${user.displayName}`}
            disabled={isSelf}
            title={isSelf ? 'You cannot deactivate your own account.' : undefined}
            onClick={() => onAction({ kind: 'deactivate', user })}
          >
            Deactivate
          </button>
        ) : (
          <button
            type="button"
            className="link-button"
            aria-label={`Reactivate ${user.displayName}`}
            onClick={async () => setProblem(await onReactivate(user, true))}
          >
            Reactivate
          </button>
        )}
        {problem && (
          <span role="alert" className="field-error">
            {problem}
          </span>
        )}
      </td>
    </tr>
  );
}

function UserStatus({ user }: { readonly user: UserSummary }) {
  if (!user.active) return <span className="status-off">Deactivated</span>;
  if (!needsTemporaryPassword(user)) return <>Active</>;
  return (
    <span className="status-needs-password" title="Stepwise has no key to the encrypted records for this person yet. Reset password gives them one.">
      <span className="status-needs-password-label">
        <span aria-hidden="true" className="key-missing-mark">
          !
        </span>{' '}
        Needs a temporary password
      </span>
      <span className="status-detail muted">Cannot sign in until you set one with Reset password.</span>
    </span>
  );
}
