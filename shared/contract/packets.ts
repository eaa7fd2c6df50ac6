import { z } from 'zod';
import { REVIEW_OUTCOMES } from '../packets/packetContent';
import { DECISION_STATUSES } from './cases';
import { disclosureSchema } from './disclosures';
import { levelSchema } from './fields';

/** The clinic's shared packet passphrase: typed each time, never stored. Any length opens a packet. */
const passphraseSchema = z
  .string({ error: 'Enter the packet passphrase.' })
  .min(1, 'Enter the packet passphrase.')
  .max(1_024, 'The passphrase can be at most 1024 characters.');

export const MIN_PACKET_PASSPHRASE = 12;

/** Sealing asks more: if a packet is lost, the passphrase is all that stands between it and a reader. */
const sealingPassphraseSchema = passphraseSchema.refine((value) => [...value].length >= MIN_PACKET_PASSPHRASE, {
  message: `Use a passphrase of at least ${MIN_PACKET_PASSPHRASE} characters: it is all that protects the packet if it goes astray.`,
});

export const exportReviewRequestInputSchema = z.strictObject({
  decisionIds: z
    .array(z.string().min(1).max(64), { error: 'Choose the decisions to send for review.' })
    .min(1, 'Choose at least one decision to send for review.')
    .max(2_000, 'A packet can carry at most 2000 decisions.'),
  passphrase: sealingPassphraseSchema,
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

export const exportSignOffInputSchema = z.strictObject({
  /** The review request (imported here) that the sign-off answers. */
  requestPacketId: z.uuid({ error: 'Choose the review request to answer.' }),
  passphrase: sealingPassphraseSchema,
  disclosure: disclosureSchema.nullable().default(null),
});
export type ExportSignOffInput = z.input<typeof exportSignOffInputSchema>;

export const exportSignOffOutputSchema = z.object({
  saved: z.boolean(),
  fileName: z.string().nullable(),
  packetId: z.string(),
  approved: z.number().int().min(0),
  returned: z.number().int().min(0),
  /** Decisions of the request still waiting for review here: they go in a later sign-off. */
  waiting: z.number().int().min(0),
  /** Decisions another supervisor reviewed: that supervisor sends them. */
  reviewedByOthers: z.number().int().min(0),
});
export type ExportSignOffOutput = z.infer<typeof exportSignOffOutputSchema>;

const countSchema = z.number().int().min(0);

export const importPacketOutputSchema = z.object({
  /** False when the person cancelled the open dialog: nothing was read. */
  opened: z.boolean(),
  packetId: z.string().nullable(),
  kind: z.enum(['review-request', 'sign-off']).nullable(),
  /** A review request: what arrived. */
  decisions: countSchema,
  cases: countSchema,
  users: countSchema,
  /** A sign-off: what was applied, what was already here, and what waits as a conflict. */
  approved: countSchema,
  returned: countSchema,
  alreadyApplied: countSchema,
  conflicts: countSchema,
  /** A sign-off: who reviewed. */
  reviewerName: z.string().nullable(),
});
export type ImportPacketOutput = z.infer<typeof importPacketOutputSchema>;

export const CONFLICT_RESOLUTIONS = ['kept-local', 'returned'] as const;
export type ConflictResolutionChoice = (typeof CONFLICT_RESOLUTIONS)[number];

export const resolveConflictInputSchema = z.strictObject({
  conflictId: z.string().min(1).max(64),
  resolution: z.enum(CONFLICT_RESOLUTIONS, { error: 'Choose how to resolve the conflict.' }),
});

export const packetConflictSchema = z.object({
  id: z.string(),
  packetId: z.string(),
  decisionId: z.string(),
  caseId: z.string(),
  caseMrn: z.string(),
  caseName: z.string(),
  chosenLevel: levelSchema,
  /** The decision's status here now. */
  decisionStatus: z.enum(DECISION_STATUSES),
  outcome: z.enum(REVIEW_OUTCOMES),
  comment: z.string().nullable(),
  reviewerName: z.string(),
  reviewedAt: z.string(),
  reason: z.string(),
  detectedAt: z.string(),
  /** The reviewer's return can still be applied (the decision waits for review here again). */
  canApplyReturn: z.boolean(),
});
export type PacketConflict = z.infer<typeof packetConflictSchema>;

export const packetsOverviewSchema = z.object({
  /** Submitted decisions the user may send for review, with when each was last sent. */
  sendable: z.array(
    z.object({
      decisionId: z.string(),
      caseId: z.string(),
      caseMrn: z.string(),
      caseName: z.string(),
      chosenLevel: levelSchema,
      authorName: z.string(),
      submittedAt: z.string(),
      lastSentAt: z.string().nullable(),
    }),
  ),
  /** Review requests sent from here. */
  sent: z.array(
    z.object({
      packetId: z.string(),
      sentAt: z.string(),
      sentByName: z.string(),
      decisions: countSchema,
      waiting: countSchema,
      signOffs: countSchema,
    }),
  ),
  /** Review requests imported here (supervisors only; empty for others). */
  received: z.array(
    z.object({
      packetId: z.string(),
      importedAt: z.string(),
      authors: z.array(z.string()),
      decisions: countSchema,
      waiting: countSchema,
      reviewedByYou: countSchema,
      reviewedByOthers: countSchema,
      signOffsSent: countSchema,
    }),
  ),
  /** Sign-off outcomes held back here, not yet resolved, of cases the user may open. */
  conflicts: z.array(packetConflictSchema),
});
export type PacketsOverview = z.infer<typeof packetsOverviewSchema>;
