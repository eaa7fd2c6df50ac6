import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, setupAdminInputSchema, type SignedIn } from '../../../shared/contract/auth';
import { call } from '../api/client';
import { AuthScreen } from '../components/AuthScreen';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';

const setupFormSchema = setupAdminInputSchema
  .extend({ confirmPassword: z.string() })
  .refine((form) => form.password === form.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords are not the same.' });
type SetupForm = z.input<typeof setupFormSchema>;
const FIELDS = ['username', 'displayName', 'password'] as const;

/** First start: the database has no users, so the first account made is the administrator's. */
export function SetupAdminPage({ onCreated }: { readonly onCreated: (signedIn: SignedIn) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SetupForm, unknown, z.output<typeof setupFormSchema>>({
    resolver: zodResolver(setupFormSchema),
    defaultValues: { username: '', displayName: '', password: '', confirmPassword: '', alsoClinician: false, alsoSupervisor: false },
  });

  const submit = handleSubmit(async ({ confirmPassword: _confirm, ...input }) => {
    setFormError(null);
    const result = await call('auth.setupAdmin', input);
    if (result.ok) onCreated(result.value);
    else setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
  });

  return (
    <AuthScreen titleId="setup-title">
      <h1 id="setup-title">Welcome to Stepwise</h1>
      <p>
        This is the first start on this computer. Create the <strong>administrator</strong> account: it adds the people who use Stepwise, gives them
        roles, resets their passwords and moves a departing clinician&apos;s cases.
      </p>
      <p>
        Stepwise encrypts the records on this computer. Next, it shows you a <strong>recovery key</strong> to print or write down: keep a printer or a
        pen at hand.
      </p>
      <form onSubmit={submit} noValidate className="stacked-form">
        <FormAlert message={formError} />
        <Field id="username" label="Username" error={errors.username?.message} hint="Letters, digits and . _ - ; used to sign in.">
          {(a11y) => <input {...a11y} autoComplete="username" autoFocus autoCapitalize="off" spellCheck={false} {...register('username')} />}
        </Field>
        <Field id="displayName" label="Full name" error={errors.displayName?.message}>
          {(a11y) => <input {...a11y} autoComplete="name" {...register('displayName')} />}
        </Field>
        <p className="field-hint shared-hint" id="password-rule">
          The password needs at least {MIN_PASSWORD_LENGTH} characters.
        </p>
        <div className="field-row">
          <Field id="password" label="Password" error={errors.password?.message} describedBy="password-rule">
            {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...register('password')} />}
          </Field>
          <Field id="confirmPassword" label="Password again" error={errors.confirmPassword?.message} describedBy="password-rule">
            {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...register('confirmPassword')} />}
          </Field>
        </div>
        <fieldset className="checkbox-group">
          <legend>Do you also see patients or review decisions?</legend>
          <label className="checkbox">
            <input type="checkbox" {...register('alsoClinician')} /> Also a clinician (has a caseload, records assessments)
          </label>
          <label className="checkbox">
            <input type="checkbox" {...register('alsoSupervisor')} /> Also a supervisor (reviews placement decisions)
          </label>
          <p className="field-hint">You can give these roles to other people later, in Admin.</p>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Creating…' : 'Create the administrator'}
          </button>
        </div>
      </form>
    </AuthScreen>
  );
}
