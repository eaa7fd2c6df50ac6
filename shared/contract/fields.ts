import { z } from 'zod';
import { MRN_PATTERN } from '../domain/case';
import { LEVELS } from '../domain/levels';

export const isoDateSchema = z.iso.date({ error: 'Enter a real date as YYYY-MM-DD.' });

/** A required date in a form: an empty field asks for the date before complaining about its format. */
export const requiredDateSchema = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .pipe(isoDateSchema);
export const levelSchema = z.enum(LEVELS, { error: 'Choose inpatient, IOP or outpatient.' });

export const mrnSchema = z
  .string({ error: 'Enter the MRN.' })
  .trim()
  .min(1, 'Enter the MRN.')
  .max(32, 'The MRN can be at most 32 characters.')
  .regex(MRN_PATTERN, 'The MRN may contain only letters, digits and - _ . / and must start with a letter or digit.');

export const personNameSchema = z
  .string({ error: 'Enter the name.' })
  .trim()
  .min(1, 'Enter the name.')
  .max(120, 'The name can be at most 120 characters.')
  .refine((name) => ![...name].some(isControlCharacter), 'The name contains control characters (such as a tab or line break).');

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export const optionalTextSchema = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((text) => (text === '' ? null : text))
    .nullable()
    .optional()
    .transform((text) => text ?? null);
