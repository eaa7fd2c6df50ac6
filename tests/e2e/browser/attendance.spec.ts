import { startOfWeek } from '../../../shared/domain/dates';
import { admit, authorize, careTeam, caseloadRow, openCase, recordAttendance } from '../support/care';
import { expectCaseTotal } from '../support/caseload';
import { expect, test } from '../support/fixtures';
import { addDays, escapeRegExp, screenshot, shownDate, today } from '../support/workflow';

const T = today();
/** A day relative to today. */
const day = (offset: number) => addDays(T, offset);

test.describe('IOP attendance and payer authorizations', () => {
  test('IOP hours under 9 last week and an authorization ending within 7 days are flagged in the case and the caseload; a recorded session clears the hours flag', async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const lastWeek = addDays(startOfWeek(T), -7);
    const flaggedId = await admit(core, team, { mrn: 'T-5006', fullName: 'Bea Lindqvist', payer: 'Medicaid' }, 'iop', day(-30));
    await recordAttendance(core, team.clinician, flaggedId, [
      { date: lastWeek, hours: 3 },
      { date: addDays(lastWeek, 2), hours: 3 },
    ]);
    await authorize(core, team.clinician, flaggedId, { payer: 'Medicaid', level: 'iop', fromDate: day(-30), toDate: day(4), units: 12 });
    const fineId = await admit(core, team, { mrn: 'T-5007', fullName: 'Arthur Penrose', payer: 'Aetna' }, 'iop', day(-30));
    await recordAttendance(core, team.clinician, fineId, [
      { date: lastWeek, hours: 3.5 },
      { date: addDays(lastWeek, 2), hours: 3.5 },
      { date: addDays(lastWeek, 4), hours: 3.5 },
    ]);
    await authorize(core, team.clinician, fineId, { payer: 'Aetna', level: 'iop', fromDate: day(-30), toDate: day(60), units: 24 });
    await app.openAs('dana', ['clinician']);

    const bea = caseloadRow(page, 'Bea Lindqvist');
    const arthur = caseloadRow(page, 'Arthur Penrose');
    await expectCaseTotal(page, 2);
    const beaAttention = bea.locator('td.attention-cell .attention-marker');
    await expect(beaAttention).toHaveCount(2);
    await expect(beaAttention.nth(0)).toHaveText('! IOP 6 h last week');
    await expect(beaAttention.nth(0)).toHaveAttribute('title', 'Below the 9-hour IOP minimum in the last complete week');
    await expect(beaAttention.nth(1)).toContainText('Authorization ends');
    await expect(beaAttention.nth(1)).toHaveAttribute('title', `Authorized until ${shownDate(day(4))}`);
    await expect(arthur.locator('td.attention-cell')).toHaveText('IOP 10.5 h last week');
    await expect(arthur.locator('td.attention-cell .attention-marker')).toHaveCount(0);
    await screenshot(page, 'transitions-caseload-attention');

    const attention = page.getByLabel('Needs attention');
    await attention.selectOption({ label: 'IOP under 9 h last week' });
    await expectCaseTotal(page, 1);
    await expect(bea).toBeVisible();
    await expect(arthur).toHaveCount(0);
    await attention.selectOption({ label: 'Authorization problem' });
    await expectCaseTotal(page, 1);
    await expect(bea).toBeVisible();
    await expect(arthur).toHaveCount(0);

    await bea.click();
    await expect(page.getByRole('heading', { name: 'Bea Lindqvist', level: 1 })).toBeVisible();
    const header = page.locator('.case-level');
    await expect(header.locator('.attention-marker')).toHaveText([
      '! IOP hours last week: 6 h, below 9 h',
      `! Authorization ends ${shownDate(day(4))} (in 4 days)`,
    ]);
    const attendance = page.getByRole('region', { name: 'IOP attendance' });
    await expect(attendance.locator('.care-summary')).toHaveText(`! Last full week at IOP (${shownDate(lastWeek)}): 6 h, below the 9-hour minimum`);
    const week = page
      .getByRole('table', { name: 'Hours per week against the 9-hour IOP minimum' })
      .getByRole('row', { name: new RegExp(escapeRegExp(shownDate(lastWeek))) });
    await expect(week.locator('td').nth(1)).toHaveText('6 h');
    await expect(week.locator('td').nth(3)).toHaveText('! Below 9 h: 3 hours short');
    const authorizations = page.getByRole('region', { name: 'Payer authorizations' });
    await expect(authorizations.locator('.care-summary')).toContainText(`Authorization ends ${shownDate(day(4))} (in 4 days).`);
    await screenshot(page, 'transitions-case-attention');

    // Friday's session was missed off: recording it brings last week to 9 hours, and the hours flag goes.
    await attendance.getByLabel(/^Session date/).fill(addDays(lastWeek, 4));
    await attendance.getByLabel(/^Hours attended/).fill('3');
    await attendance.getByRole('button', { name: 'Record session' }).click();
    await expect(attendance.getByRole('status')).toHaveText(`Recorded 3 hours on ${shownDate(addDays(lastWeek, 4))}.`);
    await expect(attendance.locator('.care-summary')).toHaveText(`Last full week at IOP (${shownDate(lastWeek)}): 9 h, meets the 9-hour minimum.`);
    await expect(header.locator('.attention-marker')).toHaveText([`! Authorization ends ${shownDate(day(4))} (in 4 days)`]);
    expect(Number(core.database.sqlite.prepare('SELECT sum(hours) FROM attendance WHERE case_id = ?').pluck().get(flaggedId))).toBe(9);

    await page.getByRole('button', { name: '← Caseload' }).click();
    await expectCaseTotal(page, 1);
    await expect(bea.locator('td.attention-cell .attention-marker')).toHaveCount(1);
    await expect(bea.locator('td.attention-cell')).toContainText('IOP 9 h last week');
    await attention.selectOption({ label: 'IOP under 9 h last week' });
    await expect(page.getByRole('heading', { name: 'No cases match these filters' })).toBeVisible();
  });

  test('a new assessment of a case in IOP starts from the hours attended in the last 7 days, and the rules warn below 9 hours', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const caseId = await admit(core, team, { mrn: 'T-5010', fullName: 'Ines Varga' }, 'iop', day(-30));
    await recordAttendance(core, team.clinician, caseId, [
      { date: day(-9), hours: 3 },
      { date: day(-6), hours: 3 },
      { date: day(-4), hours: 2.5 },
      { date: day(-1), hours: 2 },
    ]);
    await app.openAs('dana', ['clinician']);
    await openCase(page, 'Ines Varga');
    await page.getByRole('button', { name: 'New assessment' }).click();
    await expect(page.getByRole('heading', { name: /^New assessment/, level: 1 })).toBeVisible();

    // The 7 days to today hold 3 + 2.5 + 2 hours; the session 9 days ago is outside them.
    const hours = page.getByLabel('Treatment hours attended last week (optional)');
    const hint = 'Hours of treatment at the current level in the past week. IOP usually means at least 9.';
    await expect(hours).toHaveValue('7.5');
    await expect(hours).toHaveAccessibleDescription(
      `${hint} Pre-filled from attendance: 7.5 h in the last 7 days (to ${shownDate(T)}). Change it if the attendance record is incomplete.`,
    );
    const preview = page.getByRole('complementary', { name: 'Recommendation preview' });
    const warning = 'Attended under 9 hours of treatment last week, below the minimum intensity of an IOP.';
    await expect(preview.getByRole('list', { name: 'Warnings' })).toContainText(warning);
    await hours.scrollIntoViewIfNeeded();
    await screenshot(page, 'transitions-assessment-hours-from-attendance');

    // An earlier assessment date: the pre-filled figure follows the attendance of the 7 days to that date.
    const date = page.getByLabel('Assessment date');
    await date.fill(day(-3));
    await expect(hours).toHaveValue('8.5');
    await expect(hours).toHaveAccessibleDescription(new RegExp(escapeRegExp(`8.5 h in the last 7 days (to ${shownDate(day(-3))})`)));
    await date.fill(T);
    await expect(hours).toHaveValue('7.5');

    // The clinician can change the figure: the warning goes, the note keeps what attendance shows, and a new date leaves typed hours alone.
    await hours.fill('10');
    await expect(preview.getByRole('list', { name: 'Warnings' })).toHaveCount(0);
    await expect(hours).toHaveAccessibleDescription(
      `${hint} Attendance recorded: 7.5 h in the last 7 days (to ${shownDate(T)}). The rules use the hours entered here.`,
    );
    await date.fill(day(-3));
    await expect(hours).toHaveValue('10');
    await date.fill(T);

    // Saved with the attendance figure, the app computes the same warning from the stored hours.
    await hours.fill('7.5');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page.getByRole('heading', { name: /^Saved the assessment of Ines Varga/ })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Warnings' })).toContainText(warning);
    const stored = core.database.sqlite
      .prepare('SELECT payload, recommendation FROM assessments WHERE case_id = ? AND assessed_on = ?')
      .get(caseId, T) as {
      payload: string;
      recommendation: string;
    };
    expect(JSON.parse(stored.payload)).toMatchObject({ currentLevel: 'iop', weeklyTreatmentHours: 7.5 });
    expect(JSON.parse(stored.recommendation)).toMatchObject({ warnings: [warning], ruleIds: expect.arrayContaining(['WARN-IOP-INTENSITY']) });
  });
});
