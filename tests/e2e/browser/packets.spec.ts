import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { systemClock } from '../../../electron/services/context';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, sequentialIds, type TestCore } from '../../support/testCore';
import { expectNoSeriousViolations, openCase } from '../support/care';
import { connectPage, expect, test } from '../support/fixtures';
import { mainNav, screenshot, seedSubmittedDecision, today } from '../support/workflow';

const PASSPHRASE = 'harbor clinic packets 2026';

let temp: ReturnType<typeof makeTempDir>;
test.beforeEach(() => {
  temp = makeTempDir('stepwise-e2e-packets-');
});
test.afterEach(() => temp.cleanup());

/** The file a side saved last, written where the other side's open dialog will find it: the USB stick. */
function carry(from: TestCore, to: TestCore, name: string): void {
  const saved = from.savedFiles.at(-1);
  if (!saved?.bytes) throw new Error('no packet was saved');
  const file = path.join(temp.dir, name);
  writeFileSync(file, saved.bytes);
  to.chooseImportFile(file);
}

async function openPackets(page: Page): Promise<void> {
  await mainNav(page).getByRole('button', { name: 'Packets' }).click();
  await expect(page.getByRole('heading', { name: 'Review packets', level: 1 })).toBeVisible();
}

/** Who is it for (within the clinic), then the passphrase twice. */
async function sealWithinClinic(page: Page, passphrase = PASSPHRASE): Promise<void> {
  const audience = page.getByRole('dialog', { name: 'Who is this for?' });
  await expect(audience.getByRole('radio', { name: 'Use within the clinic' })).toBeChecked();
  await audience.getByRole('button', { name: 'Choose where to save…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Encrypt the/ });
  await dialog.getByLabel('Clinic packet passphrase').fill(passphrase);
  await dialog.getByLabel('Passphrase again').fill(passphrase);
  await dialog.getByRole('button', { name: 'Encrypt and save…' }).click();
  await expect(dialog).toBeHidden();
}

async function openPacket(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Open a packet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a review packet' });
  await dialog.getByLabel('Clinic packet passphrase').fill(passphrase);
  await dialog.getByRole('button', { name: 'Choose the packet file…' }).click();
}

test.describe('review packets between two installations', () => {
  // Two installations driven through every screen of the round trip, on a 2-core CI machine running two workers.
  test.describe.configure({ timeout: 120_000 });

  test('a clinician sends decisions, a supervisor on another installation reviews them, and the sign-off comes back with a conflict resolved by hand', async ({
    app,
    server,
  }) => {
    // Side A, the clinic's laptop: Dana has two decisions waiting for review.
    const clinic = app.core;
    const dana = await clinic.addUser('dana', ['clinician'], 'Dana Reyes');
    const jane = await seedSubmittedDecision(clinic, dana, { mrn: 'A-100', fullName: 'Jane Doe' });
    const omar = await seedSubmittedDecision(clinic, dana, { mrn: 'A-200', fullName: 'Omar Haddad' });
    await app.openAs('dana', ['clinician']);
    const clinicPage = app.page;

    // Side B, the supervisor's laptop: its own data directory and database, in a second page of the same browser.
    const supervisorSide = await createTestCore(path.join(temp.dir, 'supervisor'), { clock: systemClock, newId: sequentialIds('sup') });
    const supervisorPage = await clinicPage.context().newPage();
    const { pageErrors: supervisorErrors } = await connectPage(supervisorPage, supervisorSide, server);
    try {
      await supervisorSide.signInAs('sam', ['supervisor']);
      await supervisorPage.goto(`${server.origin}/index.html`);
      await expect(supervisorPage.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();

      // A: choose both decisions and save the packet.
      await openPackets(clinicPage);
      const waiting = clinicPage.getByRole('table', { name: 'Decisions waiting for review' });
      await expect(waiting.locator('tbody tr')).toHaveCount(2);
      await expect(clinicPage.getByRole('button', { name: 'Save review packet…' })).toBeDisabled();
      await clinicPage.getByRole('checkbox', { name: 'Choose every decision' }).check();
      await expect(clinicPage.getByText('2 decisions chosen.')).toBeVisible();
      await screenshot(clinicPage, 'packets-send');
      await clinicPage.getByRole('button', { name: 'Save review packet…' }).click();
      // A short passphrase, or two that differ, are refused in the dialog before anything is sealed.
      await clinicPage.getByRole('dialog', { name: 'Who is this for?' }).getByRole('button', { name: 'Choose where to save…' }).click();
      const seal = clinicPage.getByRole('dialog', { name: 'Encrypt the review packet' });
      await seal.getByLabel('Clinic packet passphrase').fill('short');
      await seal.getByRole('button', { name: 'Encrypt and save…' }).click();
      await expect(seal.getByText(/at least 12 characters/)).toBeVisible();
      await seal.getByLabel('Clinic packet passphrase').fill(PASSPHRASE);
      await seal.getByLabel('Passphrase again').fill(`${PASSPHRASE}!`);
      await seal.getByRole('button', { name: 'Encrypt and save…' }).click();
      await expect(seal.getByText('The two passphrases differ. Type it again.')).toBeVisible();
      await screenshot(clinicPage, 'packets-passphrase');
      await seal.getByLabel('Passphrase again').fill(PASSPHRASE);
      await seal.getByRole('button', { name: 'Encrypt and save…' }).click();
      await expect(clinicPage.getByRole('status').filter({ hasText: /^Saved review-request-/ })).toContainText('2 decisions of 2 cases');
      await expect(clinicPage.getByRole('table', { name: 'Review requests sent, newest first' })).toContainText('No sign-off opened yet');
      carry(clinic, supervisorSide, 'request.stepwise-packet');

      // B: open it with the passphrase; the decisions join the review queue.
      await openPackets(supervisorPage);
      await openPacket(supervisorPage, 'a wrong passphrase');
      const opening = supervisorPage.getByRole('dialog', { name: 'Open a review packet' });
      await expect(opening.getByRole('alert')).toContainText('The passphrase is wrong');
      await opening.getByLabel('Clinic packet passphrase').fill(PASSPHRASE);
      await opening.getByRole('button', { name: 'Choose the packet file…' }).click();
      await expect(supervisorPage.getByRole('status').filter({ hasText: /^Imported a review request/ })).toContainText('2 decisions of 2 cases');
      const received = supervisorPage.getByRole('table', { name: 'Review requests received, newest first' });
      await expect(received).toContainText('Dana Reyes');
      await expect(received).toContainText('2 waiting');
      await received.getByRole('button', { name: 'Review in the queue' }).click();
      const queue = supervisorPage.getByRole('grid', { name: 'Decisions awaiting review' });
      await expect(queue.locator('tbody tr')).toHaveCount(2);
      await queue.locator('tbody tr', { hasText: 'Jane Doe' }).click();
      await supervisorPage.keyboard.press('a');
      await supervisorPage
        .getByRole('dialog', { name: /^Approve / })
        .getByRole('button', { name: 'Approve decision' })
        .click();
      await expect(queue.locator('tbody tr')).toHaveCount(1);
      await queue.locator('tbody tr', { hasText: 'Omar Haddad' }).click();
      await supervisorPage.keyboard.press('a');
      await supervisorPage
        .getByRole('dialog', { name: /^Approve / })
        .getByRole('button', { name: 'Approve decision' })
        .click();
      await expect(queue.locator('tbody tr')).toHaveCount(0);

      // A, meanwhile: Dana withdraws Omar's decision from his case while the packet is away.
      await mainNav(clinicPage).getByRole('button', { name: 'Caseload' }).click();
      await openCase(clinicPage, 'Omar');
      await clinicPage.getByRole('table', { name: 'Placement decisions' }).getByRole('button', { name: 'Withdraw' }).click();
      await clinicPage
        .getByRole('dialog', { name: /^Withdraw the decision to place Omar Haddad/ })
        .getByRole('button', { name: 'Withdraw decision' })
        .click();
      await expect(clinicPage.getByText(/^Withdrew the decision to place Omar Haddad/)).toBeVisible();
      expect(clinic.database.sqlite.prepare('SELECT status FROM decisions WHERE id = ?').get(omar.decisionId)).toEqual({ status: 'withdrawn' });
      await openPackets(clinicPage);

      // B: the sign-off.
      await openPackets(supervisorPage);
      await expect(received).toContainText('All reviewed');
      await received.getByRole('button', { name: /^Save sign-off… for the request from Dana Reyes/ }).click();
      await sealWithinClinic(supervisorPage);
      await expect(supervisorPage.getByRole('status').filter({ hasText: /^Saved review-sign-off-/ })).toContainText('2 approvals and 0 returns');
      await screenshot(supervisorPage, 'packets-supervisor');
      await expectNoSeriousViolations(supervisorPage, 'review packets (supervisor)');
      carry(supervisorSide, clinic, 'sign-off.stepwise-packet');

      // A: the sign-off applies Jane's approval and holds Omar's as a conflict.
      await openPacket(clinicPage, PASSPHRASE);
      await expect(clinicPage.getByRole('status').filter({ hasText: /^Imported the sign-off/ })).toHaveText(
        /Imported the sign-off from Sam: 1 approval applied\. 1 outcome could not be applied as it stands here; see "Conflicts to resolve" below\./,
      );
      const conflicts = clinicPage.getByRole('region', { name: 'Conflicts to resolve' });
      await expect(conflicts).toContainText('Omar Haddad');
      await expect(conflicts).toContainText('The decision was withdrawn here after it was sent for review.');
      await expect(conflicts.getByRole('button', { name: /^Return it as/ })).toHaveCount(0);
      await screenshot(clinicPage, 'packets-conflict');
      await expectNoSeriousViolations(clinicPage, 'review packets (conflict)');
      await conflicts.getByRole('button', { name: 'Keep it as it is here' }).click();
      await clinicPage.getByRole('dialog', { name: 'Keep the decision as it is here?' }).getByRole('button', { name: 'Keep it' }).click();
      await expect(clinicPage.getByRole('status').filter({ hasText: /^Kept the decision for Omar Haddad/ })).toBeVisible();
      await expect(clinicPage.getByRole('region', { name: 'Conflicts to resolve' })).toHaveCount(0);
      await expect(clinicPage.getByRole('table', { name: 'Review requests sent, newest first' })).toContainText('1 sign-off opened');

      // Jane's approval is on A exactly as a local one: approved by Sam's id, the episode opened.
      const approvedHere = clinic.database.sqlite.prepare('SELECT status, reviewer_id FROM decisions WHERE id = ?').get(jane.decisionId);
      expect(approvedHere).toEqual({ status: 'approved', reviewer_id: 'user-sam' });
      const opened = clinic.database.sqlite.prepare('SELECT start_date FROM episodes WHERE case_id = ? AND end_date IS NULL').get(jane.caseId);
      expect(opened).toEqual({ start_date: today() });
      expect(supervisorErrors).toEqual([]);
    } finally {
      await supervisorPage.close();
      supervisorSide.close();
    }
  });
});
