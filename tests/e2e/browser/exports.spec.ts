import fs from 'node:fs';
import path from 'node:path';
import { PDF_MARGINS, redisclosureFooter } from '../../../electron/main/pdfFooter';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { csvRecords, parseCsv } from '../../support/csv';
import { admit, approve, careTeam, createCase, discharge, expectNoSeriousViolations, submitPlacement } from '../support/care';
import { expect, test } from '../support/fixtures';
import { addDays, as, SCREENS_DIR, screenshot, shownDate, today } from '../support/workflow';

const T = today();
const day = (offset: number) => addDays(T, offset);

test.describe('exports', () => {
  test('a clinician exports her caseload as CSV from the caseload: choices, who it is for, the saved file and its counts', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const lee = await core.addUser('lee', ['clinician'], 'Lee Chan');
    await admit(core, team, { mrn: 'E-1001', fullName: 'Zoë "Zo" Ångström, Jr.', program: 'Harbor IOP' }, 'iop', day(-20));
    await admit(core, team, { mrn: 'E-1002', fullName: '=HYPERLINK("http://example.invalid")' }, 'inpatient', day(-5));
    await createCase(core, lee, { mrn: 'L-9001', fullName: 'Marisol Penhallow' });
    await app.openAs('dana', ['clinician']);

    await page.getByRole('button', { name: /^Export…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Export records' });
    await expect(dialog.getByRole('radio', { name: /^Cases/ })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: /^JSON/ })).toBeDisabled();
    await expect(dialog.getByRole('radio', { name: 'The 2 cases the caseload shows now, with its filters and search' })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: 'All 2 cases assigned to you, discharged included' })).toBeVisible();
    await dialog.getByRole('radio', { name: /^Assessments/ }).check();
    await expect(dialog.getByRole('radio', { name: /^JSON/ })).toBeEnabled();
    await dialog.getByRole('radio', { name: /^Cases/ }).check();
    await screenshot(page, 'export-dialog');
    await expectNoSeriousViolations(page, 'export dialog');
    await dialog.getByRole('button', { name: 'Next: who is it for?' }).click();

    const audience = page.getByRole('dialog', { name: 'Who is this for?' });
    await expect(audience).toContainText('You are saving the case list of the cases the caseload shows as a CSV file.');
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(`Saved stepwise-cases-${T}.csv. It holds 2 cases.`);

    const file = core.savedFiles.at(-1);
    expect(file?.name).toBe(`stepwise-cases-${T}.csv`);
    const content = file?.content ?? '';
    expect(parseCsv(content)[0]).toEqual([REDISCLOSURE_NOTICE]);
    const records = csvRecords(content);
    expect(records.map((record) => [record.mrn, record.name, record.clinician_username, record.current_level])).toEqual([
      ['E-1001', 'Zoë "Zo" Ångström, Jr.', 'dana', 'iop'],
      ['E-1002', `'=HYPERLINK("http://example.invalid")`, 'dana', 'inpatient'],
    ]);
    expect(content).not.toContain('L-9001');
    expect(app.blockedRequests).toEqual([]);
  });

  test('a supervisor sends the episodes of every case outside the clinic as interchange JSON; a disclosure is entered per case', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const first = await admit(core, team, { mrn: 'E-2001', fullName: 'Nora Quinlan' }, 'inpatient', day(-30));
    await approve(core, team.supervisor, await submitPlacement(core, team.clinician, first, 'iop', day(-10)));
    const second = await admit(core, team, { mrn: 'E-2002', fullName: 'Omar Haddad' }, 'iop', day(-40));
    await discharge(core, team.clinician, second, day(-2), 'completed');
    await app.openAs('sam', ['supervisor']);
    // The caseload's rows are in: its shortcuts are listening (a key pressed while the screen still mounts is lost).
    await expect(page.getByRole('row', { name: /Nora Quinlan/ })).toBeVisible();

    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: 'Export records' });
    await dialog.getByRole('radio', { name: /^Episodes of care/ }).check();
    await dialog.getByRole('radio', { name: /^JSON/ }).check();
    await dialog.getByRole('radio', { name: 'All 2 cases of every clinician, discharged included' }).check();
    await dialog.getByRole('button', { name: 'Next: who is it for?' }).click();
    const audience = page.getByRole('dialog', { name: 'Who is this for?' });
    await audience.getByRole('radio', { name: /Someone outside the clinic/ }).check();
    await audience.getByLabel('Recipient').fill('State outcomes registry');
    await audience.getByLabel('Purpose').fill('Program evaluation');
    await audience.getByLabel('Consent reference').fill('Research consent forms on file');
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(
      `Saved stepwise-episodes-${T}.json. It holds 3 episodes of 2 cases. The disclosure to State outcomes registry was entered in the disclosure history of each of the 2 cases.`,
    );
    const data = JSON.parse(core.savedFiles.at(-1)?.content ?? '{}') as { notice: string; episodes: { caseId: string; level: string }[] };
    expect(data.notice).toBe(REDISCLOSURE_NOTICE);
    expect(data.episodes.map((episode) => [episode.caseId, episode.level])).toEqual([
      ['E-2001', 'inpatient'],
      ['E-2001', 'iop'],
      ['E-2002', 'iop'],
    ]);
    expect(core.database.sqlite.prepare('SELECT case_id FROM disclosures ORDER BY case_id').pluck().all()).toEqual([first, second].sort());
  });

  test('an empty selection says so before anything is asked or saved', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await admit(core, team, { mrn: 'E-3001', fullName: 'Ines Duarte' }, 'iop', day(-3));
    await app.openAs('dana', ['clinician']);
    await page.getByRole('group', { name: 'Current level' }).getByRole('button', { name: 'Inpatient' }).click();
    await expect(page.getByRole('heading', { name: 'No cases match these filters' })).toBeVisible();
    await page.getByRole('button', { name: /^Export…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Export records' });
    await expect(dialog.getByRole('alert')).toHaveText(/^No cases are in this selection, so there is nothing to export\./);
    await expect(dialog.getByRole('button', { name: 'Next: who is it for?' })).toBeDisabled();
    await dialog.getByRole('radio', { name: /^All 1 case assigned to you/ }).check();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await dialog.getByRole('button', { name: /^Cancel/ }).click();
    await expect(dialog).toBeHidden();
    expect(core.savedFiles).toEqual([]);
  });

  test('the case review prints the case, every assessment with its reasons, decisions with variances and reviews, and the timeline', async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const caseId = await admit(
      core,
      team,
      { mrn: 'E-4001', fullName: 'Greta Holm', program: 'Harbor Recovery', payer: 'Medicaid' },
      'inpatient',
      day(-30),
    );
    await approve(core, team.supervisor, await submitPlacement(core, team.clinician, caseId, 'iop', day(-12)));
    const returned = await submitPlacement(core, team.clinician, caseId, 'outpatient', T);
    await as(core, team.supervisor, (invoke) =>
      invoke('decisions.return', { decisionId: returned, comment: 'Housing is not settled yet; keep IOP for now.' }),
    );
    await app.openAs('dana', ['clinician']);

    await page.getByRole('row', { name: /Greta Holm/ }).click();
    await page.getByRole('button', { name: 'Case review to print or send' }).click();
    await expect(page.getByRole('heading', { name: 'Case review: Greta Holm', level: 1 })).toBeVisible();
    for (const section of ['Assessments', 'Placement decisions', 'Timeline of care']) {
      await expect(page.getByRole('heading', { name: section, level: 2 })).toBeVisible();
    }
    const assessments = page.getByRole('region', { name: /^Assessment of / });
    await expect(assessments).toHaveCount(3);
    await expect(assessments.first()).toContainText('Latest');
    await expect(assessments.first()).toContainText("Why, in the rules' words:");
    await expect(assessments.first()).toContainText(/Rules: [A-Z0-9-]+/);
    const returnedDecision = page.getByRole('region', { name: `Decision effective ${shownDate(T)}` });
    await expect(returnedDecision).toContainText('Returned for changes');
    await expect(returnedDecision).toContainText('Variance reasonClinical judgement: Seeded for the end-to-end test.');
    await expect(returnedDecision).toContainText('“Housing is not settled yet; keep IOP for now.”');
    const timeline = page.getByRole('table').filter({ has: page.locator('caption', { hasText: 'Episodes of care, oldest first' }) });
    await expect(timeline.getByRole('row')).toHaveCount(3);
    await expect(timeline.getByRole('row').nth(1)).toContainText(`Admission${shownDate(day(-30))}${shownDate(day(-12))}18 daysStepped down`);
    await expect(timeline.getByRole('row').nth(2)).toContainText('Step down from inpatient');
    await expect(timeline.getByRole('row').nth(2)).toContainText('12 days so far');
    await screenshot(page, 'case-review');
    await expectNoSeriousViolations(page, 'case review');

    await page.getByRole('button', { name: 'Save as PDF…' }).click();
    await page.getByRole('dialog', { name: 'Who is this for?' }).getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText('Saved case-review-E-4001.pdf.');
    expect(core.savedFiles).toEqual([{ name: 'case-review-E-4001.pdf', content: 'pdf' }]);

    // As Electron's printToPDF makes it: the print stylesheet, Letter paper, the notice in every page's footer.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-bar')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Save as PDF…' })).toBeHidden();
    const inches = (value: number) => `${value}in`;
    const pdf = await page.pdf({
      format: 'Letter',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: redisclosureFooter(),
      margin: { top: inches(PDF_MARGINS.top), bottom: inches(PDF_MARGINS.bottom), left: inches(PDF_MARGINS.left), right: inches(PDF_MARGINS.right) },
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENS_DIR, 'case-review.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
  });
});
