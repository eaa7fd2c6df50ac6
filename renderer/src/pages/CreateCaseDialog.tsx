import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { createCaseInputSchema, type CaseSummary, type CreateCaseInput, type NewCase } from '../../../shared/contract/cases';
import { LEVELS, LEVEL_LABELS } from '../../../shared/domain/levels';
import { call } from '../api/client';

const FORM_FIELDS = ['mrn', 'fullName', 'dateOfBirth', 'level', 'program'] as const;
type FormField = (typeof FORM_FIELDS)[number];

function isFormField(path: string): path is FormField {
  return (FORM_FIELDS as readonly string[]).includes(path);
}

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onCreated: (created: CaseSummary) => void;
}

export function CreateCaseDialog({ open, onClose, onCreated }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateCaseInput, unknown, NewCase>({
    resolver: zodResolver(createCaseInputSchema),
    defaultValues: { mrn: '', fullName: '', dateOfBirth: '', level: null, program: '' },
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const close = () => {
    setFormError(null);
    reset();
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await call('cases.create', values);
    if (result.ok) {
      reset();
      onCreated(result.value);
      return;
    }
    let placed = false;
    for (const field of result.error.fields ?? []) {
      if (isFormField(field.path)) {
        setError(field.path, { type: 'server', message: field.message });
        placed = true;
      }
    }
    if (!placed || result.error.code === 'conflict') setFormError(result.error.message);
  });

  const describedBy = (field: FormField) => (errors[field] ? `${field}-error` : undefined);

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="create-case-title" onCancel={close}>
      <form onSubmit={submit} noValidate>
        <h2 id="create-case-title">New case</h2>
        <p className="hint">Only the MRN, name and date of birth are required. Keep clinical detail for the assessment.</p>
        {formError && (
          <p role="alert" className="form-error">
            {formError}
          </p>
        )}
        <label htmlFor="mrn">MRN</label>
        <input id="mrn" autoComplete="off" autoFocus aria-invalid={Boolean(errors.mrn)} aria-describedby={describedBy('mrn')} {...register('mrn')} />
        {errors.mrn && (
          <p id="mrn-error" className="field-error">
            {errors.mrn.message}
          </p>
        )}

        <label htmlFor="fullName">Full name</label>
        <input
          id="fullName"
          autoComplete="off"
          aria-invalid={Boolean(errors.fullName)}
          aria-describedby={describedBy('fullName')}
          {...register('fullName')}
        />
        {errors.fullName && (
          <p id="fullName-error" className="field-error">
            {errors.fullName.message}
          </p>
        )}

        <label htmlFor="dateOfBirth">Date of birth</label>
        <input
          id="dateOfBirth"
          type="date"
          aria-invalid={Boolean(errors.dateOfBirth)}
          aria-describedby={describedBy('dateOfBirth')}
          {...register('dateOfBirth')}
        />
        {errors.dateOfBirth && (
          <p id="dateOfBirth-error" className="field-error">
            {errors.dateOfBirth.message}
          </p>
        )}

        <label htmlFor="level">Current level of care</label>
        <select
          id="level"
          aria-describedby={describedBy('level')}
          {...register('level', { setValueAs: (value: string | null) => (value === '' || value === null ? null : value) })}
        >
          <option value="">Not placed yet</option>
          {[...LEVELS].reverse().map((level) => (
            <option key={level} value={level}>
              {LEVEL_LABELS[level]}
            </option>
          ))}
        </select>
        {errors.level && (
          <p id="level-error" className="field-error">
            {errors.level.message}
          </p>
        )}

        <label htmlFor="program">Program or site (optional)</label>
        <input
          id="program"
          autoComplete="off"
          aria-invalid={Boolean(errors.program)}
          aria-describedby={describedBy('program')}
          {...register('program')}
        />
        {errors.program && (
          <p id="program-error" className="field-error">
            {errors.program.message}
          </p>
        )}

        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={close}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Create case'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
