import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { reassignInputSchema, type UserSummary } from '../../../shared/contract/users';
import { call } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';

const reassignFormSchema = reassignInputSchema
  .pick({ fromClinicianId: true, toClinicianId: true })
  .refine((form) => form.fromClinicianId !== form.toClinicianId, {
    path: ['toClinicianId'],
    message: 'Choose a different clinician to take the cases over.',
  });
type ReassignForm = z.input<typeof reassignFormSchema>;
const FIELDS = ['fromClinicianId', 'toClinicianId'] as const;

function casesText(count: number): string {
  return `${count} case${count === 1 ? '' : 's'}`;
}

interface Props {
  readonly users: readonly UserSummary[];
  readonly onMoved: (message: string) => Promise<void>;
}

/** Moves every active case of one clinician to another, e.g. when someone leaves. */
export function AdminReassignPanel({ users, onMoved }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ readonly from: UserSummary; readonly to: UserSummary } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<ReassignForm, unknown, z.output<typeof reassignFormSchema>>({
    resolver: zodResolver(reassignFormSchema),
    defaultValues: { fromClinicianId: '', toClinicianId: '' },
  });

  const sources = users.filter((user) => user.activeCases > 0);
  const targets = users.filter((user) => user.active && user.roles.includes('clinician'));
  const byId = (id: string) => users.find((user) => user.id === id);

  const review = handleSubmit(({ fromClinicianId, toClinicianId }) => {
    setFormError(null);
    const from = byId(fromClinicianId);
    const to = byId(toClinicianId);
    if (from && to) setPending({ from, to });
  });

  const move = async (from: UserSummary, to: UserSummary): Promise<string | null> => {
    const result = await call('cases.reassign', { fromClinicianId: from.id, toClinicianId: to.id });
    setPending(null);
    if (!result.ok) {
      setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
      return null;
    }
    reset();
    await onMoved(`Moved ${casesText(result.value.moved)} from ${from.displayName} to ${to.displayName}.`);
    return null;
  };

  return (
    <section className="admin-section" aria-labelledby="reassign-title">
      <h2 id="reassign-title">Move a caseload</h2>
      <p className="muted">
        Moves every active case of one clinician to another — for example when someone leaves or goes on leave. Decisions and assessments keep their
        authors.
      </p>
      {sources.length === 0 ? (
        <p>No one has active cases to move.</p>
      ) : (
        <form onSubmit={review} noValidate className="inline-form">
          <FormAlert message={formError} />
          <Field id="fromClinicianId" label="Move the cases of" error={errors.fromClinicianId?.message}>
            {(a11y) => (
              <select {...a11y} {...register('fromClinicianId')}>
                <option value="">Choose…</option>
                {sources.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.displayName} — {casesText(user.activeCases)}
                    {user.active ? '' : ' (deactivated)'}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="toClinicianId" label="To" error={errors.toClinicianId?.message}>
            {(a11y) => (
              <select {...a11y} {...register('toClinicianId')}>
                <option value="">Choose…</option>
                {targets.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.displayName} — {casesText(user.activeCases)} now
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button-primary">
            Move cases…
          </button>
        </form>
      )}
      {pending && (
        <ConfirmDialog
          title="Move a caseload"
          message={
            <p>
              Move {casesText(pending.from.activeCases)} from {pending.from.displayName} to {pending.to.displayName}? {pending.to.displayName} becomes
              the clinician of each; nothing else about the cases changes.
            </p>
          }
          confirmLabel={`Move ${casesText(pending.from.activeCases)}`}
          onConfirm={() => move(pending.from, pending.to)}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
