import type { AppError } from '../../../shared/contract/result';

/**
 * Puts each field error from the main process beside its form field; returns the message for the
 * form-level alert when some error has no field on this form, names no field, or is a conflict whose
 * sentence says more than the field message (for example, which existing case to open instead).
 */
export function placeServerErrors<F extends string>(
  error: AppError,
  formFields: readonly F[],
  showBesideField: (field: F, message: string) => void,
): string | null {
  const fieldErrors = error.fields ?? [];
  let unplaced = fieldErrors.length === 0;
  for (const fieldError of fieldErrors) {
    const field = formFields.find((name) => name === fieldError.path);
    if (field === undefined) unplaced = true;
    else showBesideField(field, fieldError.message);
  }
  return unplaced || error.code === 'conflict' ? error.message : null;
}
