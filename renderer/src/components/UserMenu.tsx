import { useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import { formatRoles } from './formatRoles';

interface Props {
  readonly user: SessionUser;
  readonly onChangePassword: () => void;
  /** Stepping away: the screen is cleared and the records locked until the person signs back in. */
  readonly onLock: () => void;
  readonly onSignOut: () => void;
}

/** The signed-in person, their roles, and the two things they can do about their own account. */
export function UserMenu({ user, onChangePassword, onLock, onSignOut }: Props) {
  const [open, setOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const firstItemRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    firstItemRef.current?.focus();
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => document.removeEventListener('mousedown', closeOnOutsideClick);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const choose = (action: () => void) => {
    setOpen(false);
    action();
  };

  return (
    <div
      className="user-menu"
      ref={containerRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="user-menu-toggle"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        onClick={() => setOpen(!open)}
      >
        <span className="user-name">{user.displayName}</span>
        <span className="user-roles">{formatRoles(user.roles)}</span>
        <span aria-hidden="true" className="user-caret">
          ▾
        </span>
      </button>
      {open && (
        <div id="user-menu-panel" className="user-menu-panel">
          <p className="user-menu-who">
            Signed in as <strong>{user.displayName}</strong> <span className="mono">({user.username})</span>
          </p>
          <button ref={firstItemRef} type="button" className="menu-item" onClick={() => choose(onChangePassword)}>
            Change password
          </button>
          <button type="button" className="menu-item" onClick={() => choose(onLock)}>
            Lock now
          </button>
          <button type="button" className="menu-item" onClick={() => choose(onSignOut)}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
