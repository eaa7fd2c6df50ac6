import { z } from 'zod';
import { disclosureSchema } from './disclosures';

/** The clinic's shared packet passphrase: typed each time, never stored. */
const passphraseSchema = z
  .string({ error: 'Enter the packet passphrase.' })
  .min(1, 'Enter the packet passphrase.')
  .max(1_024, 'The passphrase can be at most 1024 characters.');

export const exportReviewRequestInputSchema = z.strictObject({
  decisionIds: z
    .array(z.string().min(1).max(64), { error: 'Choose the decisions to send for review.' })
    .min(1, 'Choose at least one decision to send for review.')
    .max(2_000, 'A packet can carry at most 2000 decisions.'),
  passphrase: passphraseSchema,
  /** Null: the packet stays in the clinic (its own supervisor). Otherwise it leaves the clinic: a disclosure per case. */
  disclosure: disclosureSchema.nullable().default(null),
});
export type ExportReviewRequestInput = z.input<typeof exportReviewRequestInputSchema>;

export const exportReviewRequestOutputSchema = z.object({
  saved: z.boolean(),
  fileName: z.string().nullable(),
  packetId: z.string(),
  decisions: z.number().int().min(0),
  cases: z.number().int().min(0),
});
export type ExportReviewRequestOutput = z.infer<typeof exportReviewRequestOutputSchema>;

export const importPacketInputSchema = z.strictObject({ passphrase: passphraseSchema });

export const importPacketOutputSchema = z.object({
  /** False when the person cancelled the open dialog: nothing was read. */
  opened: z.boolean(),
  packetId: z.string().nullable(),
  kind: z.enum(['review-request', 'sign-off']).nullable(),
  decisions: z.number().int().min(0),
  cases: z.number().int().min(0),
  users: z.number().int().min(0),
});
export type ImportPacketOutput = z.infer<typeof importPacketOutputSchema>;
