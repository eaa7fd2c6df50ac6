import { z } from 'zod';
import { ADMINISTRATION, ANY_ROLE, CLINICAL, SUPERVISION, type Access } from './access';
import {
  appInfoSchema,
  demoStatusSchema,
  emptyInputSchema,
  loadDemoOutputSchema,
  openExternalInputSchema,
  openExternalOutputSchema,
  savedFileSchema,
  savePdfInputSchema,
  saveTextInputSchema,
} from './app';
import { assessmentRecordSchema, saveAssessmentInputSchema } from './assessments';
import {
  backupDetailsSchema,
  backupListSchema,
  inspectBackupInputSchema,
  createBackupInputSchema,
  createBackupOutputSchema,
  restoreBackupInputSchema,
  restoreOutcomeSchema,
} from './backups';
import {
  activityOutputSchema,
  auditPageSchema,
  auditVerdictSchema,
  emergencyAccessInputSchema,
  exportAuditInputSchema,
  listAuditInputSchema,
  lockInputSchema,
} from './audit';
import {
  authStatusSchema,
  changePasswordInputSchema,
  recoverInputSchema,
  sessionUserSchema,
  setupAdminInputSchema,
  signedInSchema,
  signInInputSchema,
} from './auth';
import {
  attendanceIdInputSchema,
  authorizationIdInputSchema,
  correctEpisodeInputSchema,
  dischargeInputSchema,
  recordAttendanceInputSchema,
  saveAuthorizationInputSchema,
  settingsSchema,
  updateSettingsInputSchema,
} from './care';
import { caseDetailSchema } from './caseDetail';
import {
  caseIdInputSchema,
  caseSummarySchema,
  createCaseInputSchema,
  listCasesInputSchema,
  listCasesOutputSchema,
  updateCaseInputSchema,
} from './cases';
import type { Channel } from './channels';
import { caseDisclosuresSchema } from './disclosures';
import {
  importChoicesInputSchema,
  importIdInputSchema,
  importProgressSchema,
  importReportSchema,
  importResultSchema,
  openImportInputSchema,
  openImportOutputSchema,
  saveImportReportInputSchema,
} from './imports';
import {
  approveDecisionInputSchema,
  decisionIdInputSchema,
  decisionRecordSchema,
  returnDecisionInputSchema,
  reviewQueueCountSchema,
  reviewQueueInputSchema,
  reviewQueueOutputSchema,
  saveDecisionInputSchema,
} from './decisions';
import { exportRecordsInputSchema, exportRecordsOutputSchema } from './exports';
import { metricsReportInputSchema, metricsReportSchema, supervisorOverviewSchema } from './reports';
import { retroDatasetsSchema, retroReportInputSchema, retroReportSchema } from './retro';
import {
  exportReviewRequestInputSchema,
  exportReviewRequestOutputSchema,
  exportSignOffInputSchema,
  exportSignOffOutputSchema,
  importPacketInputSchema,
  importPacketOutputSchema,
  packetConflictSchema,
  packetsOverviewSchema,
  resolveConflictInputSchema,
} from './packets';
import { rulesImpactInputSchema, rulesImpactOutputSchema } from './rules';
import { jobProgressInputSchema, jobProgressOutputSchema } from './jobs';
import {
  clinicianOptionSchema,
  createUserInputSchema,
  reassignInputSchema,
  resetPasswordInputSchema,
  setRolesInputSchema,
  userIdInputSchema,
  userSummarySchema,
} from './users';

interface ChannelSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  readonly access: Access;
}

const done = z.object({ done: z.literal(true) });
/** Imports create and change many patients' records at once: supervisors and administrators only. */
const IMPORTING: Access = ['supervisor', 'admin'];

/** The one IPC contract: every channel the renderer may call, its input and output schemas, and who may call it. */
export const contract = {
  'app.info': { input: emptyInputSchema, output: appInfoSchema, access: 'signed-in' },
  'app.openExternal': { input: openExternalInputSchema, output: openExternalOutputSchema, access: 'public' },
  'auth.status': { input: emptyInputSchema, output: authStatusSchema, access: 'public' },
  'auth.setupAdmin': { input: setupAdminInputSchema, output: signedInSchema, access: 'public' },
  'auth.signIn': { input: signInInputSchema, output: signedInSchema, access: 'public' },
  'auth.signOut': { input: emptyInputSchema, output: done, access: 'signed-in' },
  'auth.changePassword': { input: changePasswordInputSchema, output: sessionUserSchema, access: 'signed-in' },
  'auth.recover': { input: recoverInputSchema, output: signedInSchema, access: 'public' },
  'auth.lock': { input: lockInputSchema, output: done, access: 'signed-in' },
  'auth.activity': { input: emptyInputSchema, output: activityOutputSchema, access: 'signed-in' },
  'users.list': { input: emptyInputSchema, output: z.object({ users: z.array(userSummarySchema) }), access: ADMINISTRATION },
  'users.clinicians': { input: emptyInputSchema, output: z.object({ clinicians: z.array(clinicianOptionSchema) }), access: ANY_ROLE },
  'users.create': { input: createUserInputSchema, output: userSummarySchema, access: ADMINISTRATION },
  'users.setRoles': { input: setRolesInputSchema, output: userSummarySchema, access: ADMINISTRATION },
  'users.deactivate': { input: userIdInputSchema, output: userSummarySchema, access: ADMINISTRATION },
  'users.reactivate': { input: userIdInputSchema, output: userSummarySchema, access: ADMINISTRATION },
  'users.resetPassword': { input: resetPasswordInputSchema, output: userSummarySchema, access: ADMINISTRATION },
  'cases.list': { input: listCasesInputSchema, output: listCasesOutputSchema, access: ANY_ROLE },
  'cases.get': { input: caseIdInputSchema, output: caseDetailSchema, access: ANY_ROLE },
  'cases.create': { input: createCaseInputSchema, output: caseSummarySchema, access: CLINICAL },
  'cases.update': { input: updateCaseInputSchema, output: caseSummarySchema, access: CLINICAL },
  'cases.reassign': { input: reassignInputSchema, output: z.object({ moved: z.number().int().min(0) }), access: ADMINISTRATION },
  'cases.emergencyAccess': { input: emergencyAccessInputSchema, output: caseDetailSchema, access: ['clinician'] },
  'disclosures.list': { input: caseIdInputSchema, output: caseDisclosuresSchema, access: ANY_ROLE },
  'assessments.save': { input: saveAssessmentInputSchema, output: assessmentRecordSchema, access: CLINICAL },
  'decisions.save': { input: saveDecisionInputSchema, output: decisionRecordSchema, access: CLINICAL },
  'decisions.submit': { input: decisionIdInputSchema, output: decisionRecordSchema, access: CLINICAL },
  'decisions.withdraw': { input: decisionIdInputSchema, output: decisionRecordSchema, access: CLINICAL },
  'decisions.approve': { input: approveDecisionInputSchema, output: decisionRecordSchema, access: SUPERVISION },
  'decisions.return': { input: returnDecisionInputSchema, output: decisionRecordSchema, access: SUPERVISION },
  'decisions.queue': { input: reviewQueueInputSchema, output: reviewQueueOutputSchema, access: SUPERVISION },
  'decisions.queueCount': { input: emptyInputSchema, output: reviewQueueCountSchema, access: SUPERVISION },
  'reports.overview': { input: emptyInputSchema, output: supervisorOverviewSchema, access: SUPERVISION },
  'care.discharge': { input: dischargeInputSchema, output: caseDetailSchema, access: CLINICAL },
  'care.correctEpisode': { input: correctEpisodeInputSchema, output: caseDetailSchema, access: CLINICAL },
  'care.recordAttendance': { input: recordAttendanceInputSchema, output: caseDetailSchema, access: CLINICAL },
  'care.removeAttendance': { input: attendanceIdInputSchema, output: caseDetailSchema, access: CLINICAL },
  'care.saveAuthorization': { input: saveAuthorizationInputSchema, output: caseDetailSchema, access: CLINICAL },
  'care.removeAuthorization': { input: authorizationIdInputSchema, output: caseDetailSchema, access: CLINICAL },
  'reports.metrics': { input: metricsReportInputSchema, output: metricsReportSchema, access: ANY_ROLE },
  'files.saveText': { input: saveTextInputSchema, output: savedFileSchema, access: ANY_ROLE },
  'files.savePdf': { input: savePdfInputSchema, output: savedFileSchema, access: ANY_ROLE },
  'exports.save': { input: exportRecordsInputSchema, output: exportRecordsOutputSchema, access: CLINICAL },
  'settings.get': { input: emptyInputSchema, output: settingsSchema, access: 'signed-in' },
  'settings.update': { input: updateSettingsInputSchema, output: settingsSchema, access: ADMINISTRATION },
  'demo.status': { input: emptyInputSchema, output: demoStatusSchema, access: 'signed-in' },
  'demo.load': { input: emptyInputSchema, output: loadDemoOutputSchema, access: ADMINISTRATION },
  'rules.impact': { input: rulesImpactInputSchema, output: rulesImpactOutputSchema, access: ['supervisor', 'admin'] },
  'audit.list': { input: listAuditInputSchema, output: auditPageSchema, access: ADMINISTRATION },
  'audit.verify': { input: emptyInputSchema, output: auditVerdictSchema, access: ADMINISTRATION },
  'audit.export': { input: exportAuditInputSchema, output: savedFileSchema, access: ADMINISTRATION },
  'imports.open': { input: openImportInputSchema, output: openImportOutputSchema, access: IMPORTING },
  'imports.check': { input: importChoicesInputSchema, output: importReportSchema, access: IMPORTING },
  'imports.commit': { input: importChoicesInputSchema, output: importResultSchema, access: IMPORTING },
  'imports.progress': { input: importIdInputSchema, output: importProgressSchema, access: IMPORTING },
  'imports.cancel': { input: importIdInputSchema, output: z.object({ cancelled: z.boolean() }), access: IMPORTING },
  'imports.saveReport': { input: saveImportReportInputSchema, output: savedFileSchema, access: IMPORTING },
  'imports.close': { input: importIdInputSchema, output: done, access: IMPORTING },
  // A long job's progress, only ever to the session that started it (the handler checks).
  'jobs.progress': { input: jobProgressInputSchema, output: jobProgressOutputSchema, access: ANY_ROLE },
  // Every backup holds every patient's records, and a restore replaces everyone's: administrators only.
  'backups.list': { input: emptyInputSchema, output: backupListSchema, access: ADMINISTRATION },
  'backups.create': { input: createBackupInputSchema, output: createBackupOutputSchema, access: ADMINISTRATION },
  'backups.inspect': { input: inspectBackupInputSchema, output: backupDetailsSchema, access: ADMINISTRATION },
  'backups.restore': { input: restoreBackupInputSchema, output: restoreOutcomeSchema, access: ADMINISTRATION },
  // Retrospective review of imported TEDS-D data: those who import it read it (counts only, no identifiers).
  'retro.datasets': { input: emptyInputSchema, output: retroDatasetsSchema, access: IMPORTING },
  'retro.report': { input: retroReportInputSchema, output: retroReportSchema, access: IMPORTING },
  'packets.exportRequest': { input: exportReviewRequestInputSchema, output: exportReviewRequestOutputSchema, access: CLINICAL },
  // Clinicians open sign-offs; only supervisors may open a review request (checked in the handler, by the packet's kind).
  'packets.import': { input: importPacketInputSchema, output: importPacketOutputSchema, access: CLINICAL },
  'packets.exportSignOff': { input: exportSignOffInputSchema, output: exportSignOffOutputSchema, access: SUPERVISION },
  'packets.overview': { input: emptyInputSchema, output: packetsOverviewSchema, access: CLINICAL },
  'packets.resolveConflict': { input: resolveConflictInputSchema, output: packetConflictSchema, access: CLINICAL },
} as const satisfies Record<Channel, ChannelSpec>;

export type Contract = typeof contract;
/** What a caller passes (defaults may be omitted). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after parsing. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function channelAccess(channel: Channel): Access {
  return contract[channel].access;
}

export { CHANNELS, isChannel, type Channel } from './channels';
export * from './result';
