import { z } from 'zod';
import { isoDateSchema } from './fields';

/** Everything the audit log records. Ids, times and outcomes only: never a name, a note or a clinical value. */
export const AUDIT_ACTIONS = [
  'account-setup',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'lock',
  'password-changed',
  'recovery-key-used',
  'recovery-failed',
  'database-encrypted',
  'case-viewed',
  'case-created',
  'case-updated',
  'cases-reassigned',
  'emergency-access',
  'access-denied',
  'assessment-saved',
  'decision-saved',
  'decision-submitted',
  'decision-withdrawn',
  'decision-approved',
  'decision-returned',
  'transition-applied',
  'discharge-recorded',
  'episode-corrected',
  'attendance-recorded',
  'attendance-removed',
  'authorization-saved',
  'authorization-removed',
  'user-created',
  'user-roles-changed',
  'user-deactivated',
  'user-reactivated',
  'user-password-reset',
  'settings-changed',
  'demo-loaded',
  'export',
  'disclosure-recorded',
  'audit-verified',
  'audit-exported',
  'backup',
  'restore',
  'import',
  'packet-imported',
  'decision-received',
  'packet-conflict-found',
  'packet-conflict-resolved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'account-setup': 'Administrator created at first start',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-out': 'Signed out',
  lock: 'Session locked',
  'password-changed': 'Password changed',
  'recovery-key-used': 'Recovery key used',
  'recovery-failed': 'Failed recovery attempt',
  'database-encrypted': 'Database encrypted',
  'case-viewed': 'Case viewed',
  'case-created': 'Case created',
  'case-updated': 'Case updated',
  'cases-reassigned': 'Cases reassigned',
  'emergency-access': 'Emergency access',
  'access-denied': 'Access refused',
  'assessment-saved': 'Assessment saved',
  'decision-saved': 'Decision saved',
  'decision-submitted': 'Decision submitted',
  'decision-withdrawn': 'Decision withdrawn',
  'decision-approved': 'Decision approved',
  'decision-returned': 'Decision returned',
  'transition-applied': 'Planned transition applied',
  'discharge-recorded': 'Discharge recorded',
  'episode-corrected': 'Episode dates corrected',
  'attendance-recorded': 'Attendance recorded',
  'attendance-removed': 'Attendance removed',
  'authorization-saved': 'Authorization saved',
  'authorization-removed': 'Authorization removed',
  'user-created': 'User created',
  'user-roles-changed': 'Roles changed',
  'user-deactivated': 'User deactivated',
  'user-reactivated': 'User reactivated',
  'user-password-reset': 'Temporary password set',
  'settings-changed': 'Settings changed',
  'demo-loaded': 'Demo caseload loaded',
  export: 'Exported or printed',
  'disclosure-recorded': 'Disclosure recorded',
  'audit-verified': 'Audit log verified',
  'audit-exported': 'Audit log exported',
  backup: 'Backup made',
  restore: 'Restored from backup',
  import: 'Records imported from a file',
  'packet-imported': 'Review packet imported',
  'decision-received': 'Decision received for review in a packet',
  'packet-conflict-found': 'Sign-off outcome held as a conflict (the decision changed here)',
  'packet-conflict-resolved': 'Sign-off conflict resolved',
};

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const detailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const auditEventSchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), detailValueSchema),
});
export type AuditEventRecord = z.infer<typeof auditEventSchema>;

/** An empty text filter matches everything. */
const optionalFilter = (what: string) => z.string().trim().max(64, `The ${what} filter can be at most 64 characters.`).optional();

export const auditFilterSchema = z
  .strictObject({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    userId: optionalFilter('user'),
    action: z.enum(AUDIT_ACTIONS, { error: 'Unknown action.' }).optional(),
    outcome: z.enum(AUDIT_OUTCOMES, { error: 'Unknown outcome.' }).optional(),
    recordId: optionalFilter('record'),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    message: 'The "from" date is after the "to" date.',
    path: ['to'],
  });
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const listAuditInputSchema = z.strictObject({
  filter: auditFilterSchema.default({}),
  page: z.number().int('The page must be a whole number.').min(1, 'The page starts at 1.').default(1),
  pageSize: z.number().int().min(1).max(500, 'The page size can be at most 500.').default(100),
});
export type ListAuditInput = z.input<typeof listAuditInputSchema>;

export const auditPageSchema = z.object({
  rows: z.array(auditEventSchema),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditVerdictSchema = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), events: z.number().int().min(0), checkedAt: z.string() }),
  z.object({
    intact: z.literal(false),
    events: z.number().int().min(0),
    checkedAt: z.string(),
    firstBrokenRow: z.number().int().min(1),
    problem: z.string(),
  }),
]);
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;

export const exportAuditInputSchema = z.strictObject({ filter: auditFilterSchema.default({}) });

export const lockInputSchema = z.strictObject({
  reason: z.enum(['inactivity', 'manual'], { error: 'Say why the session locks: inactivity or manual.' }),
});

export const activityOutputSchema = z.object({ autoLockMinutes: z.number().int().min(1) });

export const MIN_EMERGENCY_REASON = 10;
export const emergencyAccessInputSchema = z.strictObject({
  caseId: z.string({ error: 'Choose a case.' }).min(1, 'Choose a case.').max(64),
  reason: z
    .string({ error: 'Give the reason for opening this case.' })
    .trim()
    .min(MIN_EMERGENCY_REASON, `Give the reason for opening this case in at least ${MIN_EMERGENCY_REASON} characters.`)
    .max(500, 'The reason can be at most 500 characters.'),
});
export type EmergencyAccessInput = z.input<typeof emergencyAccessInputSchema>;
