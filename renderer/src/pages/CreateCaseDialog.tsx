import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createCaseInputSchema, type CaseSummary, type CreateCaseInput, type NewCase } from '../../../shared/contract/cases';
import { call, callOrThrow } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';
import { useSession, userHasRole } from '../navigation';

const FIELDS = ['mrn', 'fullName', 'dateOfBirth', 'clinicianId', 'program', 'payer'] as const;

/** Leaves the clinician out, so the main process assigns the case to the signed-in clinician. */
function ownCase({ mrn, fullName, dateOfBirth, program, payer }: NewCase): CreateCaseInput {
  return { mrn, fullName, dateOfBirth, program, payer };
}

interface Props {
  readonly onClose: () => void;
  readonly onCreated: (created: CaseSummary) => void;
}

/** A new case has no level: its level comes from the first approved placement decision. */
export function CreateCaseDialog({ onClose, onCreated }: Props) {
  const { user } = useSession();
  const isClinician = userHasRole(user, 'clinician');
  // Supervisors may assign the case to anyone; a clinician's new case is their own.
  const mayAssign = userHasRole(user, 'supervisor');
  const clinicians = useQuery({
    queryKey: ['users.clinicians'],
    queryFn: () => callOrThrow('users.clinicians', {}),
    enabled: mayAssign,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateCaseInput, unknown, NewCase>({
    resolver: zodResolver(createCaseInputSchema),
    defaultValues: { mrn: '', fullName: '', dateOfBirth: '', clinicianId: isClinician ? user.id : null, program: '', payer: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await call('cases.create', mayAssign ? values : ownCase(values));
    if (result.ok) onCreated(result.value);
    else setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
  });

  const activeClinicians = (clinicians.data?.clinicians ?? []).filter((clinician) => clinician.active);

  return (
    <Dialog titleId="create-case-title" onClose={onClose}>
      <form onSubmit={submit} noValidate className="stacked-form">
        <h2 id="create-case-title">New case</h2>
        <p className="hint">
          Only the MRN, name and date of birth are required. The level of care is set later, when a placement decision is approved.
        </p>
        <FormAlert message={formError} />
        <Field id="mrn" label="MRN" error={errors.mrn?.message}>
          {(a11y) => <input {...a11y} autoComplete="off" autoFocus spellCheck={false} {...register('mrn')} />}
        </Field>
        <Field id="fullName" label="Full name" error={errors.fullName?.message}>
          {(a11y) => <input {...a11y} autoComplete="off" {...register('fullName')} />}
        </Field>
        <Field id="dateOfBirth" label="Date of birth" error={errors.dateOfBirth?.message}>
          {(a11y) => <input {...a11y} type="date" {...register('dateOfBirth')} />}
        </Field>
        {mayAssign ? (
          <Field id="clinicianId" label="Clinician" error={errors.clinicianId?.message}>
            {(a11y) => (
              <select {...a11y} {...register('clinicianId', { setValueAs: (value: string | null) => (value ? value : null) })}>
                <option value="">Unassigned</option>
                {isClinician && <option value={user.id}>{user.displayName} (you)</option>}
                {activeClinicians
                  .filter((clinician) => clinician.id !== user.id)
                  .map((clinician) => (
                    <option key={clinician.id} value={clinician.id}>
                      {clinician.displayName}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        ) : (
          <p className="field">
            <span className="field-label-static">Clinician</span> {user.displayName} (you)
          </p>
        )}
        <div className="field-row">
          <Field id="program" label="Program or site (optional)" error={errors.program?.message}>
            {(a11y) => <input {...a11y} autoComplete="off" {...register('program')} />}
          </Field>
          <Field id="payer" label="Payer (optional)" error={errors.payer?.message}>
            {(a11y) => <input {...a11y} autoComplete="off" {...register('payer')} />}
          </Field>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Create case'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
