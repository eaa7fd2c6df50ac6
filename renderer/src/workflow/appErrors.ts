import type { AppError } from '../../../shared/contract/result';

export interface PlacedErrors {
  /** Messages by dotted field path, shown beside their field. */
  readonly fields: Readonly<Record<string, string>>;
  /** Shown at the top of the form when the problem belongs to no field on screen. */
  readonly form: string | null;
}

/** Splits an error from the main process into messages for the form's own fields and a form-level message. */
export function placeAppError(error: AppError, formFields: readonly string[]): PlacedErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const field of error.fields ?? []) {
    if (formFields.includes(field.path)) fields[field.path] ??= field.message;
    else unplaced.push(field.message);
  }
  const placedAny = Object.keys(fields).length > 0;
  const form = !placedAny ? error.message : unplaced.length > 0 ? unplaced.join(' ') : null;
  return { fields, form };
}

export function describedBy(id: string, hasError: boolean, hint?: string): string | undefined {
  const ids = [hint, hasError ? `${id}-error` : undefined].filter((part): part is string => part !== undefined);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
