/**
 * Channel names only, without schemas, so the preload script can check a channel
 * without bundling zod. A unit test keeps this list equal to the contract's keys.
 */
export const CHANNELS = [
  'app.info',
  'app.openExternal',
  'auth.status',
  'auth.setupAdmin',
  'auth.signIn',
  'auth.signOut',
  'auth.changePassword',
  'auth.recover',
  'auth.lock',
  'auth.activity',
  'users.list',
  'users.clinicians',
  'users.create',
  'users.setRoles',
  'users.deactivate',
  'users.reactivate',
  'users.resetPassword',
  'cases.list',
  'cases.get',
  'cases.create',
  'cases.update',
  'cases.reassign',
  'cases.emergencyAccess',
  'disclosures.list',
  'assessments.save',
  'decisions.save',
  'decisions.submit',
  'decisions.withdraw',
  'decisions.approve',
  'decisions.return',
  'decisions.queue',
  'reports.overview',
  'care.discharge',
  'care.correctEpisode',
  'care.recordAttendance',
  'care.removeAttendance',
  'care.saveAuthorization',
  'care.removeAuthorization',
  'reports.metrics',
  'files.saveText',
  'files.savePdf',
  'settings.get',
  'settings.update',
  'demo.status',
  'demo.load',
  'rules.impact',
  'audit.list',
  'audit.verify',
  'audit.export',
  'backups.list',
  'backups.create',
  'backups.inspect',
  'backups.restore',
] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

/** The single Electron IPC channel that carries every contract call. */
export const IPC_INVOKE_CHANNEL = 'stepwise:invoke';
