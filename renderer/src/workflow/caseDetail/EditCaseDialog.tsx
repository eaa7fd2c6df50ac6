import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { updateCaseInputSchema, type CaseSummary, type UpdateCaseInput } from '../../../../shared/contract/cases';
import type { z } from 'zod';
import { call, callOrThrow } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field, FormAlert } from '../../components/Field';
import { placeServerErrors } from '../../components/serverErrors';
import { useSession, userHasRole } from '../../navigation';

const FIELDS = ['mrn', 'fullName', 'dateOfBirth', 'clinicianId', 'program', 'payer'] as const;
type CaseUpdate = z.output<typeof updateCaseInputSchema>;

interface Props {
  readonly summary: CaseSummary;
  readonly onClose: () => void;
  readonly onSaved: (saved: CaseSummary) => Promise<void>;
}

/** The case record itself; only a supervisor moves a case to another clinician. */
export function EditCaseDialog({ summary, onClose, onSaved }: Props) {
  const { user } = useSession();
  const mayAssign = userHasRole(user, 'supervisor');
  const clinicians = useQuery({ queryKey: ['users.clinicians'], queryFn: () => callOrThrow('users.clinicians', {}), enabled: mayAssign });
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UpdateCaseInput, unknown, CaseUpdate>({
    resolver: zodResolver(updateCaseInputSchema),
    defaultValues: {
      caseId: summary.id,
      mrn: summary.mrn,
      fullName: summary.fullName,
      dateOfBirth: summary.dateOfBirth,
      clinicianId: summary.clinician?.id ?? null,
      program: summary.program ?? '',
      payer: summary.payer ?? '',
    },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    // Left out, the clinician stays as it is: a clinician's edit never reassigns the case, and an
    // unchanged clinician who has since been deactivated is not refused.
    const { clinicianId, ...rest } = values;
    const reassigned = mayAssign && clinicianId !== (summary.clinician?.id ?? null);
    const result = await call('cases.update', reassigned ? { ...rest, clinicianId } : rest);
    if (result.ok) await onSaved(result.value);
    else setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
  });

  const current = summary.clinician;
  const options = (clinicians.data?.clinicians ?? []).filter((clinician) => clinician.active && clinician.id !== current?.id);
  return (
    <Dialog titleId="edit-case-title" onClose={onClose}>
      <form onSubmit={submit} noValidate className="stacked-form">
        <h2 id="edit-case-title">Edit the case details of {summary.fullName}</h2>
        <p className="hint">Levels of care change only through placement decisions and care events, not here.</p>
        <FormAlert message={formError} />
        <div className="field-row">
          <Field id="edit-mrn" label="MRN" error={errors.mrn?.message}>
            {(a11y) => <input {...a11y} autoComplete="off" autoFocus spellCheck={false} {...register('mrn')} />}
          </Field>
          <Field id="edit-dateOfBirth" label="Date of birth" error={errors.dateOfBirth?.message}>
            {(a11y) => <input {...a11y} type="date" {...register('dateOfBirth')} />}
          </Field>
        </div>
        <Field id="edit-fullName" label="Full name" error={errors.fullName?.message}>
          {(a11y) => <input {...a11y} autoComplete="off" {...register('fullName')} />}
        </Field>
        {mayAssign ? (
          <Field id="edit-clinicianId" label="Clinician" error={errors.clinicianId?.message}>
            {(a11y) => (
              <select {...a11y} {...register('clinicianId', { setValueAs: (value: string | null) => (value ? value : null) })}>
                <option value="">Unassigned</option>
                {current && (
                  <option value={current.id}>
                    {current.displayName}
                    {current.id === user.id ? ' (you)' : ''}
                  </option>
                )}
                {options.map((clinician) => (
                  <option key={clinician.id} value={clinician.id}>
                    {clinician.displayName}
                    {clinician.id === user.id ? ' (you)' : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <div className="field">
            <span className="field-label-static">Clinician</span>
            <span>{current?.displayName ?? 'Unassigned'}</span>
            <span className="field-hint">Only a supervisor can assign the case to another clinician.</span>
          </div>
        )}
        <div className="field-row">
          <Field id="edit-program" label="Program or site (optional)" error={errors.program?.message}>
            {(a11y) => <input {...a11y} autoComplete="off" {...register('program')} />}
          </Field>
          <Field id="edit-payer" label="Payer (optional)" error={errors.payer?.message}>
            {(a11y) => <input {...a11y} autoComplete="off" {...register('payer')} />}
          </Field>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save case details'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
