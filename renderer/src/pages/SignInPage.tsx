import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { signInInputSchema, type SignedIn } from '../../../shared/contract/auth';
import { call } from '../api/client';
import { AuthScreen } from '../components/AuthScreen';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';

type SignInForm = z.input<typeof signInInputSchema>;
const FIELDS = ['username', 'password'] as const;

interface Props {
  /** Why the person is here again, e.g. their session ended. */
  readonly notice: string | null;
  /** After a lock, the same person usually signs back in: their username is filled in. */
  readonly username?: string | undefined;
  readonly onSignedIn: (signedIn: SignedIn) => void;
  /** An administrator who forgot their password opens the records with the recovery key instead. */
  readonly onRecover: () => void;
}

export function SignInPage({ notice, username = '', onSignedIn, onRecover }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInForm, unknown, z.output<typeof signInInputSchema>>({
    resolver: zodResolver(signInInputSchema),
    defaultValues: { username, password: '' },
  });

  // Unwrapping the key takes a moment; the first administrator sign-in after an update also encrypts the records.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!isSubmitting) return;
    const timer = window.setTimeout(() => setSlow(true), 2000);
    return () => window.clearTimeout(timer);
  }, [isSubmitting]);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    setSlow(false);
    const result = await call('auth.signIn', values);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
    // The password stays, selected, so retyping it replaces it and nothing else is lost.
    setFocus('password', { shouldSelect: true });
  });

  return (
    <AuthScreen titleId="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {notice && (
        <p role="status" className="notice-text">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate className="stacked-form">
        <FormAlert message={formError} />
        <Field id="username" label="Username" error={errors.username?.message}>
          {(a11y) => (
            <input {...a11y} autoComplete="username" autoFocus={username === ''} autoCapitalize="off" spellCheck={false} {...register('username')} />
          )}
        </Field>
        <Field id="password" label="Password" error={errors.password?.message}>
          {(a11y) => <input {...a11y} type="password" autoComplete="current-password" autoFocus={username !== ''} {...register('password')} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        {isSubmitting && slow && (
          <p role="status" className="muted">
            Still opening the records… The first sign-in after an update can take a minute while Stepwise brings them up to date for this version;
            keep the app open.
          </p>
        )}
      </form>
      <div className="auth-help">
        <p>
          <button type="button" className="link-button" onClick={onRecover}>
            Forgot your password? Use the recovery key
          </button>
        </p>
        <p className="muted">
          The recovery key is for administrators. Clinicians and supervisors: ask an administrator to set a temporary password for you.
        </p>
      </div>
    </AuthScreen>
  );
}
