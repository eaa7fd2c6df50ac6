import { z } from 'zod';
import { CASE_STATUSES, MRN_PATTERN } from '../domain/case';
import { EPISODE_END_REASONS } from '../domain/episodes';
import { VARIANCE_REASONS } from '../domain/variance';
import { isoDateSchema, levelSchema, personNameSchema } from '../contract/fields';
import { usernameSchema } from '../contract/auth';
import { assessmentSchemaV1 } from '../rules/assessment';

/**
 * The plaintext inside a review packet (docs/PACKETS.md): what a clinician's installation sends a supervisor's
 * (`review-request`) and what comes back (`sign-off`). Pure data, checked after decryption and before sealing; the
 * file layout and its crypto are in electron/packets/packetFile.ts. Objects are strict, so a packet cannot smuggle
 * fields this version would silently drop.
 */
export const PACKET_FORMAT_VERSION = 1;
export const PACKET_KINDS = ['review-request', 'sign-off'] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];

/** Bounds on what one packet may hold, so a hostile (or runaway) packet cannot make the reader build huge lists. */
export const PACKET_LIMITS = { users: 500, cases: 2_000, assessments: 20_000, episodes: 20_000, decisions: 2_000 } as const;

const MAX_TEXT = 500;
const idSchema = z.string().min(1).max(64);
const timestampSchema = z.iso.datetime({ offset: true });
/** SHA-256 in lower-case hex: the fingerprint of a decision as it was exported. */
export const fingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 fingerprint in lower-case hex');

/**
 * Written as exactly REDISCLOSURE_NOTICE (the sealer checks); read as any text that names 42 CFR part 2, so a packet
 * from an older version whose notice wording differs is still read.
 */
const noticeSchema = z
  .string()
  .min(1)
  .max(4_000)
  .refine((text) => /42 CFR part 2/i.test(text), 'must be the 42 CFR part 2 redisclosure notice');

/** What both kinds carry first: who made the packet, when, with which version, and the notice. */
const envelopeShape = {
  packetId: z.uuid(),
  createdAt: timestampSchema,
  appVersion: z.string().min(1).max(64),
  formatVersion: z.literal(PACKET_FORMAT_VERSION),
  /** The installation (database) that made the packet: the keyring's database id. */
  sourceInstallationId: z.uuid(),
  notice: noticeSchema,
};

/** A user of the sending installation, named by the stable id that the receiving side keeps for them. */
export const packetUserSchema = z.strictObject({ id: idSchema, username: usernameSchema, displayName: personNameSchema });
export type PacketUser = z.infer<typeof packetUserSchema>;

export const packetCaseSchema = z.strictObject({
  id: idSchema,
  mrn: z.string().regex(MRN_PATTERN),
  fullName: personNameSchema,
  dateOfBirth: isoDateSchema,
  program: z.string().max(120).nullable(),
  payer: z.string().max(120).nullable(),
  status: z.enum(CASE_STATUSES),
});
export type PacketCase = z.infer<typeof packetCaseSchema>;

/** An assessment as stored: the interchange v1 payload with the record's ids around it. */
export const packetAssessmentSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  /** Null for an assessment that came in through an import and has no assessor. */
  assessorId: idSchema.nullable(),
  amendsId: idSchema.nullable(),
  assessment: assessmentSchemaV1,
  note: z.string().max(MAX_TEXT).nullable(),
  createdAt: timestampSchema,
});
export type PacketAssessment = z.infer<typeof packetAssessmentSchema>;

export const packetEpisodeSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  level: levelSchema,
  startDate: isoDateSchema,
  endDate: isoDateSchema.nullable(),
  endReason: z.enum(EPISODE_END_REASONS).nullable(),
  openedByDecisionId: idSchema.nullable(),
  followsId: idSchema.nullable(),
});
export type PacketEpisode = z.infer<typeof packetEpisodeSchema>;

/** A decision waiting for review. Only submitted decisions travel; drafts stay home and outcomes come back. */
export const packetDecisionSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  assessmentId: idSchema,
  recommendedLevel: levelSchema.nullable(),
  rulesetVersion: z.string().min(1).max(32),
  chosenLevel: levelSchema,
  effectiveDate: isoDateSchema,
  varianceReason: z.enum(VARIANCE_REASONS).nullable(),
  varianceText: z.string().max(MAX_TEXT).nullable(),
  authorId: idSchema,
  submittedAt: timestampSchema,
  status: z.literal('submitted'),
  /** The approved decision this one corrects. */
  supersedesId: idSchema.nullable(),
});
export type PacketDecision = z.infer<typeof packetDecisionSchema>;

const reviewRequestShape = z.strictObject({
  ...envelopeShape,
  kind: z.literal('review-request'),
  /** Everyone the packet names: decision authors and assessors. */
  users: z.array(packetUserSchema).max(PACKET_LIMITS.users),
  cases: z.array(packetCaseSchema).max(PACKET_LIMITS.cases),
  assessments: z.array(packetAssessmentSchema).max(PACKET_LIMITS.assessments),
  episodes: z.array(packetEpisodeSchema).max(PACKET_LIMITS.episodes),
  decisions: z.array(packetDecisionSchema).min(1).max(PACKET_LIMITS.decisions),
});

export const reviewRequestSchema = reviewRequestShape.superRefine((packet, context) => {
  for (const problem of reviewRequestProblems(packet)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

export const REVIEW_OUTCOMES = ['approved', 'returned'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const packetOutcomeSchema = z
  .strictObject({
    decisionId: idSchema,
    outcome: z.enum(REVIEW_OUTCOMES),
    comment: z.string().trim().max(MAX_TEXT).nullable(),
    reviewedAt: timestampSchema,
    /** decisionFingerprint() of the decision as the request carried it: a changed decision no longer matches. */
    decisionFingerprint: fingerprintSchema,
  })
  // The same rule as a local return: a returned decision says why.
  .refine((outcome) => outcome.outcome === 'approved' || (outcome.comment ?? '') !== '', { path: ['comment'], message: 'a return needs a comment' });
export type PacketOutcome = z.infer<typeof packetOutcomeSchema>;

export const signOffSchema = z
  .strictObject({
    ...envelopeShape,
    kind: z.literal('sign-off'),
    /** The review-request packet this answers. */
    inReplyTo: z.uuid(),
    reviewer: z.strictObject({ id: idSchema, username: usernameSchema, displayName: personNameSchema, installationId: z.uuid() }),
    outcomes: z.array(packetOutcomeSchema).min(1).max(PACKET_LIMITS.decisions),
  })
  .superRefine((packet, context) => {
    if (packet.reviewer.installationId !== packet.sourceInstallationId) {
      context.addIssue({ code: 'custom', path: ['reviewer', 'installationId'], message: 'must be the installation that made the packet' });
    }
    for (const index of duplicateIndexes(packet.outcomes.map((outcome) => outcome.decisionId))) {
      context.addIssue({ code: 'custom', path: ['outcomes', index, 'decisionId'], message: 'names a decision twice' });
    }
  });
export type SignOff = z.infer<typeof signOffSchema>;

export const packetContentSchema = z.discriminatedUnion('kind', [reviewRequestSchema, signOffSchema]);
export type PacketContent = z.infer<typeof packetContentSchema>;

interface ContentProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * The references inside a request must resolve within it, so the receiving side can write it without guessing:
 * every id once per list, every decision's case, assessment and author present, and the assessment of that case.
 * Messages name paths and ids only, never a patient's details.
 */
function reviewRequestProblems(packet: z.infer<typeof reviewRequestShape>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const lists = { users: packet.users, cases: packet.cases, assessments: packet.assessments, episodes: packet.episodes, decisions: packet.decisions };
  for (const [name, items] of Object.entries(lists)) {
    for (const index of duplicateIndexes(items.map((item) => item.id))) problems.push({ path: [name, index, 'id'], message: 'repeats an id' });
  }
  // Usernames are matched without regard to case wherever they are stored.
  for (const index of duplicateIndexes(packet.users.map((user) => user.username.toLowerCase()))) {
    problems.push({ path: ['users', index, 'username'], message: 'repeats a username' });
  }
  const users = new Set(packet.users.map((user) => user.id));
  const cases = new Set(packet.cases.map((item) => item.id));
  const assessmentCase = new Map(packet.assessments.map((item) => [item.id, item.caseId]));
  packet.assessments.forEach((item, index) => {
    if (!cases.has(item.caseId)) problems.push({ path: ['assessments', index, 'caseId'], message: 'names a case the packet does not carry' });
    if (item.assessorId !== null && !users.has(item.assessorId)) {
      problems.push({ path: ['assessments', index, 'assessorId'], message: 'names a user the packet does not carry' });
    }
  });
  packet.episodes.forEach((item, index) => {
    if (!cases.has(item.caseId)) problems.push({ path: ['episodes', index, 'caseId'], message: 'names a case the packet does not carry' });
  });
  packet.decisions.forEach((item, index) => {
    if (!cases.has(item.caseId)) problems.push({ path: ['decisions', index, 'caseId'], message: 'names a case the packet does not carry' });
    if (!users.has(item.authorId)) problems.push({ path: ['decisions', index, 'authorId'], message: 'names a user the packet does not carry' });
    const caseOfAssessment = assessmentCase.get(item.assessmentId);
    if (caseOfAssessment === undefined) {
      problems.push({ path: ['decisions', index, 'assessmentId'], message: 'names an assessment the packet does not carry' });
    } else if (caseOfAssessment !== item.caseId) {
      problems.push({ path: ['decisions', index, 'assessmentId'], message: 'names an assessment of another case' });
    }
  });
  return problems;
}

function duplicateIndexes(ids: readonly string[]): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) duplicates.push(index);
    seen.add(id);
  });
  return duplicates;
}

/**
 * The text a decision's fingerprint is the SHA-256 of (electron/packets/decisionFingerprint.ts hashes it; shared/
 * has no hash). Every field the request carries, in a fixed order under a versioned label: the clinician's side
 * rebuilds it from its own row, and any change since the export (withdrawn, resubmitted, edited) changes it.
 */
export function decisionFingerprintSource(decision: PacketDecision): string {
  return JSON.stringify([
    'stepwise-decision-fingerprint-v1',
    decision.id,
    decision.caseId,
    decision.assessmentId,
    decision.recommendedLevel,
    decision.rulesetVersion,
    decision.chosenLevel,
    decision.effectiveDate,
    decision.varianceReason,
    decision.varianceText,
    decision.authorId,
    decision.submittedAt,
    decision.status,
    decision.supersedesId,
  ]);
}
