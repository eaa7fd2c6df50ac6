import { useState, type ReactNode } from 'react';
import { MIN_PACKET_PASSPHRASE } from '../../../shared/contract/packets';
import { Dialog } from '../components/Dialog';
import { Field, FormAlert } from '../components/Field';

interface Props {
  readonly title: string;
  readonly children: ReactNode;
  /** Sealing a packet: asks twice and for a long passphrase, since a typo would make the packet unreadable. */
  readonly sealing: boolean;
  readonly submitLabel: string;
  readonly busyLabel: string;
  /** Runs the action; a sentence when it failed (the dialog stays open to try again), null when done. */
  readonly onSubmit: (passphrase: string) => Promise<string | null>;
  readonly onCancel: () => void;
}

/**
 * Asks for the clinic's shared packet passphrase. It is never stored: it goes to the main process for this one
 * packet and is forgotten with the dialog.
 */
export function PassphraseDialog({ title, children, sealing, submitLabel, busyLabel, onSubmit, onCancel }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [fieldError, setFieldError] = useState<{ field: 'passphrase' | 'again'; message: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setProblem(null);
    if (passphrase === '') return setFieldError({ field: 'passphrase', message: 'Enter the packet passphrase.' });
    if (sealing && [...passphrase].length < MIN_PACKET_PASSPHRASE) {
      return setFieldError({
        field: 'passphrase',
        message: `Use a passphrase of at least ${MIN_PACKET_PASSPHRASE} characters: it is all that protects the packet if it goes astray.`,
      });
    }
    if (sealing && again !== passphrase) {
      setFieldError({ field: 'again', message: 'The two passphrases differ. Type it again.' });
      requestAnimationFrame(() => document.getElementById('packet-passphrase-again')?.focus());
      return;
    }
    setFieldError(null);
    setBusy(true);
    const failed = await onSubmit(passphrase);
    setBusy(false);
    if (failed !== null) setProblem(failed);
  };

  return (
    <Dialog titleId="passphrase-title" onClose={() => (busy ? undefined : onCancel())}>
      <form
        noValidate
        className="stacked-form"
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id="passphrase-title">{title}</h2>
        {children}
        <FormAlert message={problem} />
        <Field
          id="packet-passphrase"
          label="Clinic packet passphrase"
          hint="The passphrase your clinic shares for review packets. Stepwise never stores it."
          error={fieldError?.field === 'passphrase' ? fieldError.message : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="off"
              autoFocus
              maxLength={1024}
              value={passphrase}
              onChange={(event) => {
                setPassphrase(event.target.value);
                setFieldError(null);
              }}
            />
          )}
        </Field>
        {sealing && (
          <Field id="packet-passphrase-again" label="Passphrase again" error={fieldError?.field === 'again' ? fieldError.message : undefined}>
            {(a11y) => (
              <input
                {...a11y}
                type="password"
                autoComplete="off"
                maxLength={1024}
                value={again}
                onChange={(event) => {
                  setAgain(event.target.value);
                  setFieldError(null);
                }}
              />
            )}
          </Field>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel} disabled={busy}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
