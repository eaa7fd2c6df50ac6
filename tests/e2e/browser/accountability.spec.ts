import type { CaseDisclosures } from '../../../shared/contract/disclosures';
import type { Result } from '../../../shared/contract/result';
import { TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { careTeam, caseloadSettled, createCase, expectNoSeriousViolations } from '../support/care';
import { expect, test } from '../support/fixtures';
import { screenshot, signIn } from '../support/workflow';

interface AuditRow {
  readonly action: string;
  readonly username: string | null;
  readonly record_id: string | null;
  readonly details: string;
}

function auditRows(core: TestCore, action: string): AuditRow[] {
  return core.database.sqlite
    .prepare('SELECT action, username, record_id, details FROM audit_events WHERE action = ? ORDER BY seq')
    .all(action) as AuditRow[];
}

/** An administrator's choice, made before the window opens: a one-minute lock. */
function shortenAutoLock(core: TestCore): void {
  core.database.sqlite.prepare("UPDATE settings SET value = '1' WHERE key = 'autoLockMinutes'").run();
  core.session.setAutoLockMinutes(1);
}

test.describe('sessions, emergency access and disclosures', () => {
  test('after a minute without activity the screen is cleared, the records lock, and the same person signs back in', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const caseId = await createCase(core, team.clinician, { mrn: 'LK-1', fullName: 'Lena Kowalski' });
    shortenAutoLock(core);
    await page.clock.install();
    await app.openAs('dana', ['clinician']);
    await page.getByRole('row', { name: /Lena Kowalski/ }).click();
    await expect(page.getByRole('heading', { name: 'Lena Kowalski', level: 1 })).toBeVisible();

    // Activity keeps it open: a key press 50 seconds in, then another 50 seconds.
    await page.clock.runFor(50_000);
    await page.keyboard.press('Shift');
    await page.clock.runFor(50_000);
    await expect(page.getByRole('heading', { name: 'Lena Kowalski', level: 1 })).toBeVisible();

    await page.clock.runFor(20_000);
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Stepwise locked after 1 minute without activity.' })).toContainText(
      'The records on screen were cleared',
    );
    await screenshot(page, 'locked');
    // Nothing of the case remains in the page, and the main process refuses it.
    expect(await page.locator('body').innerText()).not.toMatch(/Kowalski|LK-1/);
    const refused = await page.evaluate((id) => window.stepwise?.invoke('cases.get', { caseId: id }), caseId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(auditRows(core, 'lock')).toEqual([expect.objectContaining({ username: 'dana', details: '{"reason":"inactivity"}' })]);

    await expect(page.getByLabel('Username')).toHaveValue('dana');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
  });

  test('Lock now clears the screen at once; the main process also locks a session left quiet, and the window follows', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await createCase(core, team.clinician, { mrn: 'LK-2', fullName: 'Omar Haddad' });
    await app.openAs('dana', ['clinician']);
    await page.getByRole('banner').getByRole('button', { name: 'Dana Whitfield' }).click();
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Stepwise is locked.' })).toBeVisible();
    expect(await page.locator('body').innerText()).not.toContain('Omar Haddad');
    expect(auditRows(core, 'lock').map((row) => row.details)).toEqual(['{"reason":"manual"}']);

    await signIn(page, 'dana', TEST_PASSWORD);
    await expect(page.getByRole('row', { name: /Omar Haddad/ })).toBeVisible();
    // The backstop: the main process ends the session by itself; the window's next request returns it to sign-in.
    await core.endSession('screen-locked');
    await page.getByLabel(/^Search/).fill('Omar');
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    expect(await page.locator('body').innerText()).not.toContain('Omar Haddad');
  });

  test("a clinician finds another clinician's case by its exact MRN, opens it through emergency access with a reason, and it is recorded", async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const lee = await core.addUser('lee', ['clinician'], 'Lee Chan');
    const caseId = await createCase(core, lee, { mrn: 'EM-77', fullName: 'Priya Natarajan' });
    await app.openAs('dana', ['clinician']);
    expect(team.clinician.username).toBe('dana');

    await page.getByLabel(/^Search/).fill('Priya');
    await caseloadSettled(page);
    await expect(page.getByRole('row', { name: /Priya/ })).toHaveCount(0);
    await page.getByLabel(/^Search/).fill('EM-77');
    const notice = page.getByRole('status').filter({ hasText: 'outside your caseload' });
    await expect(notice).toHaveText(/MRN EM-77 belongs to a case assigned to Lee Chan, outside your caseload\./);
    expect(await page.locator('body').innerText()).not.toContain('Priya');

    await notice.getByRole('button', { name: 'Emergency access…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Emergency access to MRN EM-77' });
    await expect(dialog).toContainText('Your name, the time and your reason are recorded');
    await dialog.getByLabel('Reason for opening this case').fill('crisis');
    await dialog.getByRole('button', { name: 'Record the reason and open the case' }).click();
    await expect(dialog.getByText(/at least 10 characters/)).toBeVisible();
    expect(auditRows(core, 'emergency-access')).toEqual([]);
    await screenshot(page, 'emergency-access');
    await dialog.getByLabel('Reason for opening this case').fill('Covering crisis call while Lee Chan is on leave');
    await dialog.getByRole('button', { name: 'Record the reason and open the case' }).click();

    await expect(page.getByRole('heading', { name: 'Priya Natarajan', level: 1 })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: 'emergency access' })).toContainText('assigned to Lee Chan');
    expect(auditRows(core, 'emergency-access')).toEqual([
      { action: 'emergency-access', username: 'dana', record_id: caseId, details: '{"reason":"Covering crisis call while Lee Chan is on leave"}' },
    ]);
    expect(core.database.sqlite.prepare('SELECT case_id AS caseId, user_id AS userId, reason FROM emergency_access').all()).toEqual([
      { caseId, userId: 'user-dana', reason: 'Covering crisis call while Lee Chan is on leave' },
    ]);
    await expectNoSeriousViolations(page, 'case opened through emergency access');
  });

  test('a case review sent outside the clinic asks who it is for, is recorded as a disclosure, and shows in the printable disclosure history', async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const caseId = await createCase(core, team.clinician, { mrn: 'DS-5', fullName: 'Hana Sato' });
    await app.openAs('dana', ['clinician']);
    await page.getByRole('row', { name: /Hana Sato/ }).click();
    await page.getByRole('button', { name: 'Case review to print or send' }).click();
    await expect(page.getByRole('heading', { name: 'Case review: Hana Sato', level: 1 })).toBeVisible();
    await expect(page.getByText(/^This record which has been disclosed to you is protected by Federal confidentiality rules/)).toBeVisible();

    await page.getByRole('button', { name: 'Save as PDF…' }).click();
    const audience = page.getByRole('dialog', { name: 'Who is this for?' });
    await audience.getByRole('radio', { name: /Someone outside the clinic/ }).check();
    await audience.getByLabel('Recipient').fill('Harbor Recovery Center, intake');
    await audience.getByLabel('Purpose').fill('Continuity of care after step-down to outpatient');
    await audience.getByLabel('Consent reference').fill('Consent form 2026-114, signed 2026-11-20');
    await expectNoSeriousViolations(page, 'who-is-this-for dialog');
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(
      'Saved case-review-DS-5.pdf. The disclosure to Harbor Recovery Center, intake was entered in the disclosure history.',
    );
    expect(core.savedFiles.map((file) => file.name)).toEqual(['case-review-DS-5.pdf']);
    expect(auditRows(core, 'export')).toEqual([expect.objectContaining({ record_id: caseId })]);
    expect(auditRows(core, 'disclosure-recorded')).toHaveLength(1);

    // In print, only the review and its notice.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Save as PDF…' })).toBeHidden();
    await expect(page.locator('.app-bar')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: '← Back to the case' }).click();
    await page.getByRole('button', { name: 'Disclosure history' }).click();
    const table = page.getByRole('table', { name: /Disclosures of Hana Sato/ });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText('Harbor Recovery Center, intake');
    await expect(table.getByRole('row').nth(1)).toContainText('Consent form 2026-114');
    await expect(table.getByRole('row').nth(1)).toContainText('Dana Whitfield');
    await screenshot(page, 'disclosure-history');
    await expectNoSeriousViolations(page, 'disclosure history');

    // The history is what a patient may ask for; here it stays in the clinic and adds no disclosure.
    await page.getByRole('button', { name: 'Save as PDF…' }).click();
    await page.getByRole('dialog', { name: 'Who is this for?' }).getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText('Saved disclosure-history-DS-5.pdf.');
    const detail = (await page.evaluate((id) => window.stepwise?.invoke('disclosures.list', { caseId: id }), caseId)) as Result<CaseDisclosures>;
    expect(detail).toMatchObject({ ok: true, value: { disclosures: [{ recipient: 'Harbor Recovery Center, intake' }] } });
  });
});
