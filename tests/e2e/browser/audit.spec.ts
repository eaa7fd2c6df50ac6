import fs from 'node:fs';
import path from 'node:path';
import type { CaseSummary } from '../../../shared/contract/cases';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { TEST_PASSWORD } from '../../support/testCore';
import { auditEventCount, auditRows, auditSeqOf, auditSettled, auditTable, tamperWithAuditDetails } from '../support/audit';
import { expectNoSeriousViolations } from '../support/care';
import { expect, test } from '../support/fixtures';
import { as, mainNav, screenshot, signIn } from '../support/workflow';

const REASON = 'Covering for Lee this weekend; the patient called in crisis.';
const CASE_VIEWS = 110;
const PAGE_SIZE = 100;

test.describe('audit log', () => {
  test('an administrator reads, filters, verifies and exports the log, and verification names the row changed behind its back', async ({ app }) => {
    const { page, core } = app;
    await core.addUser('morgan', ['admin'], 'Morgan Reyes');
    const lee = await core.addUser('lee', ['clinician'], 'Lee Park');
    const dana = await core.addUser('dana', ['clinician'], 'Dana Whitfield');

    // Audited work through the real registry: a case, a refused look at it, emergency access with its reason, then many views.
    const caseId = await as(core, lee, async (invoke) => {
      const created = (await invoke('cases.create', { mrn: 'A-1001', fullName: 'Jordan Avery', dateOfBirth: '1986-02-14' })) as CaseSummary;
      return created.id;
    });
    core.session.begin(dana);
    expect(await core.registry.invoke('cases.get', { caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.registry.invoke('cases.emergencyAccess', { caseId, reason: REASON })).toMatchObject({ ok: true });
    core.session.end();
    await as(core, lee, async (invoke) => {
      for (let view = 0; view < CASE_VIEWS; view += 1) await invoke('cases.get', { caseId });
    });

    // A sign-in attempt with a name nobody has, then the administrator signs in through the screen.
    await app.open();
    await signIn(page, 'nobody', 'whatever it is');
    await expect(page.getByRole('alert')).toHaveText('The username or password is not correct.');
    await signIn(page, 'morgan', TEST_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();

    await mainNav(page).getByRole('button', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await auditSettled(page);
    const total = auditEventCount(core);
    expect(total).toBeGreaterThan(PAGE_SIZE);
    await expect(page.getByRole('navigation', { name: 'Pages of the audit log' })).toContainText(`Rows 1–100 of ${total}`);

    // Newest first, numbered as the log numbers them, in plain words.
    const newest = await auditRows(page);
    expect(newest).toHaveLength(PAGE_SIZE);
    expect(newest[0]).toMatchObject({
      Row: String(total),
      User: 'Morgan Reyes',
      Action: 'Signed in',
      Outcome: 'Succeeded',
      Record: 'User Morgan Reyes',
    });
    expect(newest[1]).toMatchObject({
      Row: String(total - 1),
      User: 'No user recorded',
      Action: 'Failed sign-in',
      Outcome: 'Failed',
      Details: 'Reason: unknown username',
    });
    expect(newest[2]).toMatchObject({ User: 'Lee Park', Action: 'Case viewed', Record: `Case ${caseId}`, Details: 'Access: assigned clinician' });
    const signedIn = auditTable(page).locator('tbody tr').first().locator('time');
    expect(await signedIn.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \(UTC\)$/);

    // Older rows are one page on; the oldest are the account setup and the case being created.
    await page.getByRole('button', { name: 'Older' }).click();
    await expect(page.getByRole('navigation', { name: 'Pages of the audit log' })).toContainText(`Rows 101–${total} of ${total}`);
    const oldest = await auditRows(page);
    expect(oldest.at(-1)).toMatchObject({ Row: '1' });
    expect(oldest.map((row) => row.Action)).toContain('Case created');

    // Filtering by action: only the refused look and the emergency access with its reason.
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Access refused' });
    await auditSettled(page);
    expect(await auditRows(page)).toEqual([
      expect.objectContaining({
        User: 'Dana Whitfield',
        Action: 'Access refused',
        Outcome: 'Refused',
        Record: `Case ${caseId}`,
        Details: 'Attempted: cases.get',
      }),
    ]);
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Emergency access' });
    await auditSettled(page);
    expect(await auditRows(page)).toEqual([
      expect.objectContaining({ User: 'Dana Whitfield', Action: 'Emergency access', Outcome: 'Succeeded', Details: `Reason: ${REASON}` }),
    ]);
    await expect(page.getByRole('navigation', { name: 'Pages of the audit log' })).toContainText('Rows 1–1 of 1 (filtered)');

    // A "from" day after the "to" day: the main process's message beside the field, the other filters kept.
    await page.getByLabel('From', { exact: true }).fill('2026-12-05');
    await page.getByLabel('To', { exact: true }).fill('2026-12-01');
    await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription('The "from" date is after the "to" date.');
    await expect(page.getByText('Correct the filter above to see the log.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByLabel('Action', { exact: true })).toHaveValue('');
    await auditSettled(page);

    // Verification from the keyboard: intact, every row counted.
    const beforeVerify = auditEventCount(core);
    await page.getByRole('button', { name: 'Verify audit log' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'intact' })).toHaveText(
      new RegExp(`The audit log is intact\\. ${beforeVerify} events checked: none changed, none missing\\. Checked .+\\.`),
    );
    await expect(auditTable(page).locator('tbody tr').first()).toContainText('Audit log verified');

    // A record id typed in full narrows the log once typing settles; one that matches nothing says what to try.
    await page.getByLabel('Record id').fill(caseId);
    await expect(page.getByRole('navigation', { name: 'Pages of the audit log' })).toContainText(`Rows 1–100 of ${CASE_VIEWS + 3} (filtered)`);
    await page.getByLabel('Record id').fill('no-such-record');
    await expect(page.getByRole('heading', { name: 'No events match these filters' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await auditSettled(page);

    // Someone with the database file rewrites the emergency-access reason: verification names that exact row.
    const tampered = auditSeqOf(core, 'emergency-access');
    expect(tampered).toBeLessThan(total - PAGE_SIZE);
    tamperWithAuditDetails(core, tampered, { reason: 'Routine look, nothing to see.' });
    await page.getByRole('button', { name: 'Verify audit log' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The audit log has been altered' });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('heading')).toHaveText(`! The audit log has been altered: row ${tampered} is the first broken row`);
    await expect(alert).toContainText(`Row ${tampered} was changed after it was written. The ${tampered - 1} rows before it are intact.`);
    await expect(page.getByRole('status').filter({ hasText: 'intact' })).toHaveCount(0);

    // "Show row N" goes to the page holding it, marks it in words and puts the focus on it.
    await alert.getByRole('button', { name: `Show row ${tampered} in the table` }).click();
    const brokenRow = auditTable(page).locator(`tbody tr[data-seq="${tampered}"]`);
    await expect(brokenRow).toBeFocused();
    await expect(brokenRow).toContainText('First broken row');
    await expect(brokenRow).toContainText('Reason: Routine look, nothing to see.');
    await expect(page.getByRole('navigation', { name: 'Pages of the audit log' })).toContainText(/Rows 101–\d+ of \d+/);

    fs.mkdirSync(path.resolve(__dirname, '../../../.scratch'), { recursive: true });
    await page.screenshot({ path: path.resolve(__dirname, '../../../.scratch/audit-page.png') });
    await screenshot(page, 'audit-log');
    await expectNoSeriousViolations(page, 'audit log');

    // The export of the current filter lands through the shell, the Part 2 notice first, and is itself recorded.
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Emergency access' });
    await auditSettled(page);
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(/^Saved stepwise-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = core.savedFiles.find((file) => file.name.startsWith('stepwise-audit-log-'));
    expect(csv, 'the audit CSV saved through the shell').toBeDefined();
    const lines = (csv?.content ?? '').split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toContain('42 CFR part 2');
    expect(lines[0]).toBe(`"${REDISCLOSURE_NOTICE.replace(/"/g, '""')}"`);
    expect(lines[1]).toBe('Row,Time (UTC),User id,Username,Action,Action code,Outcome,Record type,Record id,Details,Row hash');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(new RegExp(`^${tampered},.*,user-dana,dana,Emergency access,emergency-access,ok,case,${caseId},`));
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Audit log exported' });
    await auditSettled(page);
    expect(await auditRows(page)).toEqual([expect.objectContaining({ User: 'Morgan Reyes', Action: 'Audit log exported', Details: 'Rows: 1' })]);
  });

  test('the audit log is for administrators: a clinician has no link to it and the channel refuses them', async ({ app }) => {
    const { page, core } = app;
    await app.openAs('dana', ['clinician']);
    await expect(mainNav(page).getByRole('button', { name: 'Audit log' })).toHaveCount(0);
    const result = await page.evaluate(() => window.stepwise?.invoke('audit.list', { filter: {}, page: 1, pageSize: 100 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(Number(core.database.sqlite.prepare("SELECT count(*) FROM audit_events WHERE action = 'access-denied'").pluck().get())).toBe(1);
  });
});
