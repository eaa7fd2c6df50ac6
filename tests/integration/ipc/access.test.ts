import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

type Who = 'anyone' | 'signed-in' | Role;

/**
 * The declared role x channel matrix, written out here on purpose: changing who may call a channel
 * must change this table too, in the same review.
 */
const EXPECTED: Readonly<Record<Channel, readonly Who[]>> = {
  'app.info': ['signed-in'],
  'app.openExternal': ['anyone'],
  'auth.status': ['anyone'],
  'auth.setupAdmin': ['anyone'],
  'auth.signIn': ['anyone'],
  'auth.signOut': ['signed-in'],
  'auth.changePassword': ['signed-in'],
  'auth.recover': ['anyone'],
  'auth.lock': ['signed-in'],
  'auth.activity': ['signed-in'],
  'users.list': ['admin'],
  'users.clinicians': ['clinician', 'supervisor', 'admin'],
  'users.create': ['admin'],
  'users.setRoles': ['admin'],
  'users.deactivate': ['admin'],
  'users.reactivate': ['admin'],
  'users.resetPassword': ['admin'],
  'cases.list': ['clinician', 'supervisor', 'admin'],
  'cases.get': ['clinician', 'supervisor', 'admin'],
  'cases.create': ['clinician', 'supervisor'],
  'cases.update': ['clinician', 'supervisor'],
  'cases.reassign': ['admin'],
  'cases.emergencyAccess': ['clinician'],
  'disclosures.list': ['clinician', 'supervisor', 'admin'],
  'assessments.save': ['clinician', 'supervisor'],
  'decisions.save': ['clinician', 'supervisor'],
  'decisions.submit': ['clinician', 'supervisor'],
  'decisions.withdraw': ['clinician', 'supervisor'],
  'decisions.approve': ['supervisor'],
  'decisions.return': ['supervisor'],
  'decisions.queue': ['supervisor'],
  'decisions.queueCount': ['supervisor'],
  'reports.overview': ['supervisor'],
  'care.discharge': ['clinician', 'supervisor'],
  'care.correctEpisode': ['clinician', 'supervisor'],
  'care.recordAttendance': ['clinician', 'supervisor'],
  'care.removeAttendance': ['clinician', 'supervisor'],
  'care.saveAuthorization': ['clinician', 'supervisor'],
  'care.removeAuthorization': ['clinician', 'supervisor'],
  'reports.metrics': ['clinician', 'supervisor', 'admin'],
  'files.saveText': ['clinician', 'supervisor', 'admin'],
  'files.savePdf': ['clinician', 'supervisor', 'admin'],
  'exports.save': ['clinician', 'supervisor'],
  'settings.get': ['signed-in'],
  'settings.update': ['admin'],
  'demo.status': ['signed-in'],
  'demo.load': ['admin'],
  'rules.impact': ['supervisor', 'admin'],
  'audit.list': ['admin'],
  'imports.open': ['supervisor', 'admin'],
  'imports.check': ['supervisor', 'admin'],
  'imports.commit': ['supervisor', 'admin'],
  'imports.progress': ['supervisor', 'admin'],
  'jobs.progress': ['clinician', 'supervisor', 'admin'],
  'imports.cancel': ['supervisor', 'admin'],
  'imports.saveReport': ['supervisor', 'admin'],
  'imports.close': ['supervisor', 'admin'],
  'audit.verify': ['admin'],
  'audit.export': ['admin'],
  'backups.list': ['admin'],
  'backups.create': ['admin'],
  'backups.inspect': ['admin'],
  'backups.restore': ['admin'],
  'retro.datasets': ['supervisor', 'admin'],
  'retro.report': ['supervisor', 'admin'],
  'packets.exportRequest': ['clinician', 'supervisor'],
  'packets.import': ['clinician', 'supervisor'],
  'packets.exportSignOff': ['supervisor'],
  'packets.overview': ['clinician', 'supervisor'],
  'packets.resolveConflict': ['clinician', 'supervisor'],
};

function declared(channel: Channel): readonly Who[] {
  const access = contract[channel].access;
  return access === 'public' ? ['anyone'] : access === 'signed-in' ? ['signed-in'] : access;
}

function allowed(channel: Channel, role: Role | null): boolean {
  const who = EXPECTED[channel];
  if (who.includes('anyone')) return true;
  if (role === null) return false;
  return who.includes('signed-in') || who.includes(role);
}

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
beforeAll(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  for (const role of ['clinician', 'supervisor', 'admin'] as const) await core.addUser(role, [role]);
});
afterAll(() => {
  core.close();
  temp.cleanup();
});

describe('the role x channel matrix', () => {
  it('declares every channel exactly as the table above', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect({ channel, who: declared(channel) }).toEqual({ channel, who: EXPECTED[channel] });
  });

  // An empty payload is enough: access is checked before the input, so an allowed call fails later, on its input.
  const cases = CHANNELS.flatMap((channel) => ([null, 'clinician', 'supervisor', 'admin'] as const).map((role) => [channel, role] as const));
  it.each(cases)('%s as %s is enforced in the main process', async (channel, role) => {
    if (role === null) core.session.end();
    else core.session.begin(await core.addUser(role, [role]));
    const result = await core.registry.invoke(channel, channel === 'demo.load' || channel === 'auth.signOut' ? { unexpected: true } : {});
    const code = result.ok ? 'ok' : result.error.code;
    if (allowed(channel, role)) expect(code, `${channel} should be open to ${role ?? 'anyone'}`).not.toMatch(/^(forbidden|unauthenticated)$/);
    else expect(code).toBe(role === null ? 'unauthenticated' : 'forbidden');
  });

  it('lets a user with a temporary password do nothing but change it or sign out', async () => {
    const admin = await core.addUser('admin', ['admin']);
    core.database.sqlite.prepare('UPDATE users SET must_change_password = 1 WHERE id = ?').run(admin.id);
    core.session.begin(admin);
    expect(await core.registry.invoke('users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.registry.invoke('auth.changePassword', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
