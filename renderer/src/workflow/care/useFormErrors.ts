import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { AppError } from '../../../../shared/contract/result';
import { placeAppError } from '../appErrors';

export interface FormErrors<F extends string> {
  readonly fields: Partial<Readonly<Record<F, string>>>;
  readonly form: string | null;
  /** Shows each problem beside its field (the form-level alert takes the rest) and focuses the first field in error. */
  readonly show: (error: AppError) => void;
  readonly showInvalid: (error: z.ZodError) => void;
  readonly clearField: (field: F) => void;
  readonly clearAll: () => void;
  /** The id of a field's control: `${prefix}-${field}`. */
  readonly idOf: (field: F) => string;
}

/** Errors for a small form: from the contract's schema before sending, or from the main process after. */
export function useFormErrors<F extends string>(prefix: string, formFields: readonly F[]): FormErrors<F> {
  const [fields, setFields] = useState<Partial<Record<F, string>>>({});
  const [form, setForm] = useState<string | null>(null);
  const idOf = useCallback((field: F) => `${prefix}-${field}`, [prefix]);

  const show = useCallback(
    (error: AppError) => {
      const placed = placeAppError(error, formFields);
      const next: Partial<Record<F, string>> = {};
      for (const field of formFields) {
        const message = placed.fields[field];
        if (message !== undefined) next[field] = message;
      }
      setFields(next);
      setForm(placed.form);
      const first = formFields.find((field) => next[field] !== undefined);
      // After the render that shows the message, so the field is announced with it.
      if (first !== undefined) requestAnimationFrame(() => document.getElementById(idOf(first))?.focus());
    },
    [formFields, idOf],
  );

  const showInvalid = useCallback(
    (error: z.ZodError) =>
      show({
        code: 'invalid_input',
        message: 'Check the fields marked below.',
        fields: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      }),
    [show],
  );

  const clearField = useCallback(
    (field: F) => setFields((current) => (current[field] === undefined ? current : { ...current, [field]: undefined })),
    [],
  );
  const clearAll = useCallback(() => {
    setFields({});
    setForm(null);
  }, []);

  return { fields, form, show, showInvalid, clearField, clearAll, idOf };
}

/** A problem the form finds itself, shaped like the main process's answer so it is shown the same way. */
export function fieldProblem(path: string, message: string): AppError {
  return { code: 'invalid_input', message, fields: [{ path, message }] };
}
