import { useRef, useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import { AuthScreen } from '../components/AuthScreen';

/** Why the key is shown: the first start created the encrypted database, or a sign-in encrypted an older one. */
export type RecoveryKeyOccasion = 'setup' | 'encrypted';

interface Props {
  readonly recoveryKey: string;
  readonly user: SessionUser;
  readonly occasion: RecoveryKeyOccasion;
  /** Leaves the screen; the caller drops the key with it. */
  readonly onContinue: () => void;
}

const shownOn = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

/**
 * The one time Stepwise shows the recovery key. It is held only by this screen's caller while the screen is
 * open; printing uses the print stylesheet, which keeps the key and its explanation and leaves out the rest.
 */
export function RecoveryKeyPage({ recoveryKey, user, occasion, onContinue }: Props) {
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [today] = useState(() => new Date());
  const checkboxRef = useRef<HTMLInputElement>(null);
  const groups = recoveryKey.split(/[-\s]+/).filter(Boolean);

  const proceed = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) {
      setProblem('Tick the box once the recovery key is written down or printed. Stepwise cannot show it again.');
      checkboxRef.current?.focus();
      return;
    }
    onContinue();
  };

  return (
    <AuthScreen titleId="recovery-key-title" wide>
      <div className="recovery-sheet">
        <h1 id="recovery-key-title">Your recovery key</h1>
        {occasion === 'encrypted' && <p>Stepwise has encrypted the records from its earlier version on this computer.</p>}
        <p className="recovery-print-only">
          Stepwise recovery key for the records on this computer, shown on {shownOn.format(today)} to the administrator {user.displayName} (
          {user.username}).
        </p>
        <div className="recovery-key" role="group" aria-label="Recovery key" aria-describedby="recovery-key-alphabet">
          {groups.map((group, index) => (
            <span key={index} className="recovery-key-group mono">
              {group}
            </span>
          ))}
        </div>
        <p id="recovery-key-alphabet" className="recovery-key-alphabet muted">
          Capital letters and the digits 2 to 9. There is no I or O and no 0 or 1, so those are never in doubt.
        </p>
        <ul className="recovery-explain">
          <li>
            This key opens the records if <strong>every administrator password is lost</strong>. On the sign-in screen, choose “Forgot your password?
            Use the recovery key”, then set a new password.
          </li>
          <li>
            <strong>Stepwise will never show it again</strong>, and nobody can look it up for you. Without a password or this key, the records cannot
            be opened.
          </li>
          <li>
            Print it or write it down, and keep it somewhere safe <strong>away from this computer</strong>, such as a locked drawer or the
            clinic&apos;s safe. Anyone who has both this key and this computer can open the records.
          </li>
        </ul>
      </div>
      <form onSubmit={proceed} noValidate className="stacked-form recovery-confirm">
        <div className="toolbar">
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            Print the recovery key
          </button>
          <span className="muted">Prints only the key and these notes.</span>
        </div>
        <div className="field">
          <label className="checkbox">
            <input
              ref={checkboxRef}
              type="checkbox"
              required
              checked={confirmed}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'recovery-confirm-error' : undefined}
              onChange={(event) => {
                setConfirmed(event.target.checked);
                if (event.target.checked) setProblem(null);
              }}
            />{' '}
            I have written down or printed the recovery key
          </label>
          {problem && (
            <p id="recovery-confirm-error" className="field-error">
              {problem}
            </p>
          )}
        </div>
        {occasion === 'encrypted' && (
          <p className="muted">
            The other people who use Stepwise cannot sign in until you give each of them a temporary password: Admin, then Reset password.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button-primary">
            Continue
          </button>
        </div>
      </form>
    </AuthScreen>
  );
}
