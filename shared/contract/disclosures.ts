import { z } from 'zod';
import { personRefSchema } from './cases';

/** What a file leaving Stepwise holds; the audit log and the disclosure log name it by this. */
export const EXPORT_KINDS = [
  'outcome-report',
  'case-summary',
  'disclosure-history',
  'cases-csv',
  'assessments-csv',
  'decisions-csv',
  'episodes-csv',
  'assessments-json',
  'episodes-json',
  'import-report',
  'retro-report',
  'review-request',
  'review-sign-off',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABELS: Readonly<Record<ExportKind, string>> = {
  'outcome-report': 'Outcome report (counts and rates, no patient identifiers)',
  'case-summary': "Case review (case details, assessments with the rules' reasons, decisions with variances and reviews, timeline)",
  'disclosure-history': 'Disclosure history',
  'cases-csv': 'Cases (MRN, name, date of birth, clinician, program, payer, status, level)',
  'assessments-csv': "Assessments (ratings, criteria and the rules' recommendation)",
  'decisions-csv': 'Placement decisions (levels, variances and reviews)',
  'episodes-csv': 'Episodes of care (levels, dates and end reasons)',
  'assessments-json': 'Assessments in the assessment interchange format',
  'episodes-json': 'Episodes in the episode interchange format',
  'import-report': 'Import problem report (rows of a file being imported)',
  'retro-report': 'Retrospective TEDS-D report (counts, no identifiers)',
  'review-request': 'Review packet (decisions for review with their cases, assessments and episodes; encrypted)',
  'review-sign-off': 'Review sign-off packet (the outcomes of decisions reviewed, with comments; encrypted)',
};

/** Exports of many cases' records, written by the main process from the caseload (exports.save). */
export const BULK_EXPORT_KINDS: readonly ExportKind[] = [
  'cases-csv',
  'assessments-csv',
  'decisions-csv',
  'episodes-csv',
  'assessments-json',
  'episodes-json',
];

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `The ${what} can be at most ${max} characters.`);

/** 42 CFR Part 2: who receives the records, why, and under which written consent (or other legal basis). */
export const disclosureSchema = z.strictObject({
  recipient: requiredText('recipient', 200),
  purpose: requiredText('purpose', 500),
  consentReference: requiredText('consent reference', 120),
});
export type DisclosureDetails = z.output<typeof disclosureSchema>;

/** Kinds about one patient name exactly that case; a report of counts names none; a bulk export names every case in it. */
const ONE_CASE_KINDS: readonly ExportKind[] = ['case-summary', 'disclosure-history'];

function namesTheRightCases(record: { kind: ExportKind; caseIds: readonly string[] }): boolean {
  if (ONE_CASE_KINDS.includes(record.kind)) return record.caseIds.length === 1;
  if (BULK_EXPORT_KINDS.includes(record.kind)) return record.caseIds.length >= 1;
  return record.caseIds.length === 0;
}

export const exportRecordSchema = z
  .strictObject({
    kind: z.enum(EXPORT_KINDS, { error: 'Say what the file holds.' }),
    caseIds: z.array(z.string().min(1).max(64)).max(100_000).default([]),
    /** Null: for use within the clinic. Otherwise the output leaves the clinic and is recorded as a disclosure. */
    disclosure: disclosureSchema.nullable().default(null),
  })
  .refine(namesTheRightCases, {
    message: 'A case summary or disclosure history names exactly one case; a report of counts names none; an export of records names its cases.',
    path: ['caseIds'],
  });
export type ExportRecordInput = z.input<typeof exportRecordSchema>;

export const disclosureRecordSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  disclosedAt: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  consentReference: z.string(),
  content: z.string(),
  disclosedBy: personRefSchema,
});
export type DisclosureRecord = z.infer<typeof disclosureRecordSchema>;

export const caseDisclosuresSchema = z.object({
  caseId: z.string(),
  mrn: z.string(),
  fullName: z.string(),
  disclosures: z.array(disclosureRecordSchema),
});
export type CaseDisclosures = z.infer<typeof caseDisclosuresSchema>;
