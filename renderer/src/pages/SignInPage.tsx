import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { signInInputSchema, type SessionUser } from '../../../shared/contract/auth';
import { call } from '../api/client';
import { AuthScreen } from '../components/AuthScreen';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';

type SignInForm = z.input<typeof signInInputSchema>;
const FIELDS = ['username', 'password'] as const;

interface Props {
  /** Why the person is here again, e.g. their session ended. */
  readonly notice: string | null;
  readonly onSignedIn: (user: SessionUser) => void;
}

export function SignInPage({ notice, onSignedIn }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInForm, unknown, z.output<typeof signInInputSchema>>({
    resolver: zodResolver(signInInputSchema),
    defaultValues: { username: '', password: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
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
          {(a11y) => <input {...a11y} autoComplete="username" autoFocus autoCapitalize="off" spellCheck={false} {...register('username')} />}
        </Field>
        <Field id="password" label="Password" error={errors.password?.message}>
          {(a11y) => <input {...a11y} type="password" autoComplete="current-password" {...register('password')} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
      <p className="muted">Forgot your password? An administrator can set a temporary one for you.</p>
    </AuthScreen>
  );
}
