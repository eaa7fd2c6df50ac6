import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startOfWeek } from '../../../shared/domain/dates';
import {
  admit,
  authorize,
  careEventsOf,
  careTeam,
  caseloadRow,
  cellTexts,
  chartFrame,
  chartPicture,
  createCase,
  discharge,
  episodesOf,
  episodeTable,
  expectChartDrawn,
  expectNoSeriousViolations,
  flowMoves,
  loadDemo,
  openCase,
  place,
  recordAttendance,
  reportsSettled,
  screenshotChart,
  screenshotWholePage,
  showChartTable,
  submitPlacement,
  tableCells,
  type ChartName,
} from '../support/care';
import { expectCaseTotal } from '../support/caseload';
import { expect, test } from '../support/fixtures';
import { addDays, as, mainNav, SCREENS_DIR, screenshot, shownDate, today } from '../support/workflow';

const T = today();
/** A day relative to today. */
const day = (offset: number) => addDays(T, offset);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Only the episode rows of a case timeline's table view: [date, event, level, details]. */
function episodeEvents(rows: string[][]): string[][] {
  return rows.filter((row) => row[1]?.endsWith(' episode'));
}

/** "Moves between levels and discharges (12 moves)" → 12. */
async function flowTotal(page: Page): Promise<number> {
  const caption = await chartFrame(page, 'caseload-flow').locator('caption').textContent();
  const match = /\((\d+) moves?\)/.exec(caption ?? '');
  if (!match) throw new Error(`No total in the flow table caption: ${caption}`);
  return Number(match[1]);
}

test.describe('transitions over time', () => {
  test('a supervisor approves a step-down from inpatient to IOP in the review queue; the case timeline and the caseload flow change with it', async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await loadDemo(core, team.admin);
    const caseId = await admit(core, team, { mrn: 'T-5001', fullName: 'Nora Quinlan' }, 'inpatient', day(-12));
    expect(episodesOf(core, caseId)).toEqual([{ level: 'inpatient', start_date: day(-12), end_date: null, end_reason: null }]);
    await submitPlacement(core, team.clinician, caseId, 'iop', T);
    await app.openAs('sam', ['supervisor']);

    // Before: one open inpatient episode on the timeline, and the step-down awaiting review.
    await openCase(page, 'Nora Quinlan');
    await expect(page.locator('.case-level-now')).toContainText('Inpatient');
    await screenshotChart(page, 'case-timeline', 'chart-case-timeline-before');
    await expect(chartPicture(page, 'case-timeline')).toHaveAccessibleName(
      `Timeline of care for Nora Quinlan. 1 episode from ${shownDate(day(-12))}.`,
    );
    let timeline = await showChartTable(page, 'case-timeline');
    expect(episodeEvents(await tableCells(timeline))).toEqual([[shownDate(day(-12)), 'Inpatient episode', 'Inpatient', 'Ongoing: 12 days so far']]);
    expect(await tableCells(timeline)).toContainEqual([
      shownDate(T),
      'Decision',
      'IOP',
      expect.stringMatching(/^Awaiting review; decided by Dana Whitfield/),
    ]);

    // Before: the caseload flow over the demo caseload.
    await mainNav(page).getByRole('button', { name: 'Reports' }).click();
    await reportsSettled(page);
    await screenshotChart(page, 'caseload-flow', 'chart-caseload-flow-before');
    const flowTable = chartFrame(page, 'caseload-flow').getByRole('table');
    const before = await flowMoves(flowTable, 'Inpatient', 'IOP');
    const totalBefore = await flowTotal(page);
    await expect(chartPicture(page, 'caseload-flow')).toHaveAccessibleName(new RegExp(`^Caseload flow between levels: ${totalBefore} moves;`));

    // The step-down, approved through the queue.
    await mainNav(page)
      .getByRole('button', { name: /Review queue/ })
      .click();
    const queue = page.getByRole('grid', { name: 'Decisions awaiting review' });
    await queue.getByRole('row', { name: /Nora Quinlan/ }).click();
    await expect(page.getByRole('heading', { name: `The step-down of Nora Quinlan to IOP from ${shownDate(T)}`, level: 2 })).toBeVisible();
    await page.getByRole('button', { name: /^Approve/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Approve the step-down of Nora Quinlan to IOP?' });
    await confirm.getByRole('button', { name: 'Approve decision' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Approved' })).toHaveText('Approved the step-down of Nora Quinlan to IOP.');
    await expect(queue.getByRole('row', { name: /Nora Quinlan/ })).toHaveCount(0);
    expect(episodesOf(core, caseId)).toEqual([
      { level: 'inpatient', start_date: day(-12), end_date: T, end_reason: 'stepped-down' },
      { level: 'iop', start_date: T, end_date: null, end_reason: null },
    ]);

    // After: the timeline shows the stepped-down inpatient stay and the new IOP episode.
    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await openCase(page, 'Nora Quinlan');
    await expect(page.locator('.case-level-now')).toContainText('IOP');
    await expect(chartPicture(page, 'case-timeline')).toHaveAccessibleName(
      `Timeline of care for Nora Quinlan. 2 episodes from ${shownDate(day(-12))}.`,
    );
    await screenshotChart(page, 'case-timeline', 'chart-case-timeline-after');
    timeline = await showChartTable(page, 'case-timeline');
    expect(episodeEvents(await tableCells(timeline))).toEqual([
      [shownDate(day(-12)), 'Inpatient episode', 'Inpatient', `To ${shownDate(T)}: 12 days; Ended: Stepped down`],
      [shownDate(T), 'IOP episode', 'IOP', 'Ongoing: 0 days so far'],
    ]);
    expect(await tableCells(timeline)).toContainEqual([
      shownDate(T),
      'Decision',
      'IOP',
      expect.stringMatching(/^Approved; decided by Dana Whitfield/),
    ]);
    expect(await episodeTable(page)).toEqual([
      ['IOP', shownDate(T), 'Open', '—'],
      ['Inpatient', shownDate(day(-12)), shownDate(T), 'Stepped down'],
    ]);

    // After: one more inpatient -> IOP move in the flow, in the picture's name and in its table.
    await mainNav(page).getByRole('button', { name: 'Reports' }).click();
    await reportsSettled(page);
    await expect.poll(() => flowMoves(flowTable, 'Inpatient', 'IOP')).toBe(before + 1);
    expect(await flowTotal(page)).toBe(totalBefore + 1);
    await expect(chartPicture(page, 'caseload-flow')).toHaveAccessibleName(new RegExp(`^Caseload flow between levels: ${totalBefore + 1} moves;`));
    await screenshotChart(page, 'caseload-flow', 'chart-caseload-flow-after');
    const shown = await showChartTable(page, 'caseload-flow');
    expect(await flowMoves(shown, 'Inpatient', 'IOP')).toBe(before + 1);
    expect(app.blockedRequests).toEqual([]);
  });

  test('a discharge on a date before the episode began is refused beside the field; a valid one, confirmed by name, closes the episode and leaves the caseload', async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    const caseId = await admit(core, team, { mrn: 'T-5002', fullName: 'Elena Marsh' }, 'iop', day(-20));
    await admit(core, team, { mrn: 'T-5003', fullName: 'Arthur Penrose' }, 'outpatient', day(-5));
    const episodesBefore = episodesOf(core, caseId);
    await app.openAs('dana', ['clinician']);
    await openCase(page, 'Elena Marsh');

    await page.getByRole('button', { name: /^Record discharge/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the discharge of Elena Marsh' });
    const date = dialog.getByLabel('Discharge date');
    await expect(date).toBeFocused();
    await date.fill(day(-25));
    await dialog.getByLabel('Reason the episode ended').selectOption({ label: 'Completed treatment' });
    await dialog.getByRole('button', { name: 'Continue…' }).click();
    const tooEarly = `The discharge date is before the current IOP episode began (${shownDate(day(-20))}).`;
    await expect(dialog.locator('#discharge-dischargeDate-error')).toHaveText(tooEarly);
    await expect(date).toHaveAccessibleDescription(new RegExp(`${escapeRegExp(tooEarly)}$`));
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    await expect(date).toBeFocused();
    await screenshot(page, 'transitions-discharge-date-error');
    expect(episodesOf(core, caseId)).toEqual(episodesBefore);
    expect(careEventsOf(core, caseId)).toEqual([]);
    expect(core.database.sqlite.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(caseId)).toBe('active');

    const note = 'Completed the IOP programme; continuing with mutual-help groups.';
    await date.fill(day(-2));
    await expect(date).toHaveAttribute('aria-invalid', 'false');
    await dialog.getByLabel('Note (optional)').fill(note);
    await dialog.getByRole('button', { name: 'Continue…' }).click();
    const question = page.getByRole('dialog', { name: `Discharge Elena Marsh from IOP on ${shownDate(day(-2))}, reason: completed treatment?` });
    await expect(question).toBeVisible();
    await expect(question).toContainText('Elena Marsh then leaves the active caseload.');
    await expect(question).toContainText(`Note: ${note}`);
    await screenshot(page, 'transitions-discharge-confirm');
    expect(careEventsOf(core, caseId)).toEqual([]);
    await question.getByRole('button', { name: 'Discharge Elena Marsh' }).click();
    await expect(question).toBeHidden();

    await expect(page.locator('.case-notice').getByRole('status')).toHaveText(`Discharged Elena Marsh from IOP on ${shownDate(day(-2))}.`);
    await expect(page.locator('.case-facts')).toContainText('Discharged');
    await expect(page.locator('.case-level-now')).toHaveText(`■ Discharged on ${shownDate(day(-2))} from ●●○ IOP (completed treatment)`);
    await expect(page.getByRole('button', { name: /^Readmit: new assessment/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Record discharge/ })).toHaveCount(0);
    expect(await episodeTable(page)).toEqual([['IOP', shownDate(day(-20)), shownDate(day(-2)), 'Completed treatment']]);
    const events = page.getByRole('table', { name: 'Care events' }).locator('tbody tr');
    await expect(events).toHaveCount(1);
    expect(await cellTexts(events)).toEqual([
      [`Discharge on ${shownDate(day(-2))} IOP`, 'Episode ended: completed treatment', note, expect.stringMatching(/^Dana Whitfield/)],
    ]);
    expect(episodesOf(core, caseId)).toEqual([{ level: 'iop', start_date: day(-20), end_date: day(-2), end_reason: 'completed' }]);
    expect(careEventsOf(core, caseId)).toEqual([{ kind: 'discharge', event_date: day(-2), end_reason: 'completed', reason: note }]);
    expect(core.database.sqlite.prepare('SELECT status, level FROM cases WHERE id = ?').get(caseId)).toEqual({ status: 'discharged', level: null });
    await screenshot(page, 'transitions-discharged');

    // Gone from the default caseload; back with "Show discharged", marked as discharged.
    await page.getByRole('button', { name: '← Caseload' }).click();
    await page.getByLabel(/^Search/).fill('');
    await expectCaseTotal(page, 1);
    await expect(caseloadRow(page, 'Arthur Penrose')).toBeVisible();
    await expect(caseloadRow(page, 'Elena Marsh')).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Show discharged' }).check();
    await expectCaseTotal(page, 2);
    await expect(caseloadRow(page, 'Elena Marsh').locator('td').nth(3)).toHaveText('■ Discharged');
    await screenshot(page, 'transitions-caseload-show-discharged');
  });

  test('a review overdue shows in the case header, the caseload and its filter; an administrator lengthens the IOP interval and the due date moves', async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    // In IOP for 45 days, last assessed before the episode began: the 30-day review was due 15 days ago.
    const overdueId = await admit(core, team, { mrn: 'T-5004', fullName: 'Felix Duarte' }, 'iop', day(-45), day(-50));
    const currentId = await admit(core, team, { mrn: 'T-5005', fullName: 'Arthur Penrose' }, 'iop', day(-10));
    const nextReview = (id: string) => core.database.sqlite.prepare('SELECT next_review_due FROM cases WHERE id = ?').pluck().get(id);
    expect(nextReview(overdueId)).toBe(day(-15));
    expect(nextReview(currentId)).toBe(day(20));
    await app.openAs('dana', ['clinician']);

    const felix = caseloadRow(page, 'Felix Duarte');
    const arthur = caseloadRow(page, 'Arthur Penrose');
    await expectCaseTotal(page, 2);
    await expect(felix.locator('td').nth(7)).toContainText('overdue 15 days');
    await expect(felix.locator('td').nth(7).locator('.attention-marker')).toBeVisible();
    await expect(arthur.locator('td').nth(7)).toContainText('in 20 days');
    await expect(arthur.locator('td').nth(7).locator('.attention-marker')).toHaveCount(0);

    await page.getByLabel('Needs attention').selectOption({ label: 'Review overdue' });
    await expectCaseTotal(page, 1);
    await expect(felix).toBeVisible();
    await expect(arthur).toHaveCount(0);
    await screenshot(page, 'transitions-caseload-review-overdue');

    await felix.click();
    await expect(page.getByRole('heading', { name: 'Felix Duarte', level: 1 })).toBeVisible();
    await expect(page.locator('.review-line')).toHaveText(`! Review overdue by 15 days (due ${shownDate(day(-15))})`);
    await expect(page.locator('.review-line .attention-marker')).toBeVisible();
    await screenshot(page, 'transitions-case-review-overdue');

    // An administrator sets IOP reviews to every 60 days: due 15 days from now instead.
    await app.openAs('morgan', ['admin']);
    await mainNav(page).getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    const iopInterval = page.getByRole('spinbutton', { name: 'Intensive outpatient (IOP) review interval in days' });
    await expect(iopInterval).toHaveValue('30');
    await iopInterval.fill('60');
    await page.getByRole('button', { name: 'Save intervals' }).click();
    await expect(page.getByRole('status')).toHaveText("Saved. Every case's next review date has been recomputed with these intervals.");
    await expect(iopInterval).toHaveValue('60');
    expect(JSON.parse(String(core.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'reviewIntervals'").pluck().get()))).toEqual({
      inpatient: 7,
      iop: 60,
      outpatient: 90,
    });
    expect(nextReview(overdueId)).toBe(day(15));
    expect(nextReview(currentId)).toBe(day(50));
    await screenshot(page, 'transitions-settings-saved');

    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await expectCaseTotal(page, 2);
    await expect(felix.locator('td').nth(7)).toContainText('in 15 days');
    await expect(felix.locator('td').nth(7).locator('.attention-marker')).toHaveCount(0);
    await page.getByLabel('Needs attention').selectOption({ label: 'Review overdue' });
    await expect(page.getByRole('heading', { name: 'No cases match these filters' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await felix.click();
    await expect(page.locator('.review-line')).toHaveText(`Next review due ${shownDate(day(15))} (in 15 days)`);
  });

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

  test('the reports draw every chart with a name and a table view, export CSV and PDF through the shell, and print to PDF', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await loadDemo(core, team.admin);
    await app.openAs('sam', ['supervisor']);
    await mainNav(page).getByRole('button', { name: 'Reports' }).click();
    await reportsSettled(page);
    await expect(page.getByRole('note').filter({ hasText: 'not real patients' })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: '42 CFR part 2' })).toBeVisible();

    const charts: readonly { name: ChartName; label: RegExp; caption: RegExp }[] = [
      {
        name: 'caseload-flow',
        label: /^Caseload flow between levels: \d+ moves; the largest is .+, \d+\.$/,
        caption: /^Moves between levels and discharges/,
      },
      { name: 'length-of-stay', label: /^Length of stay per level: .+\.$/, caption: /^Length of stay in days, episodes that ended$/ },
      {
        name: 'census',
        label: /^Census over time, stacked by level: highest \d+ people on .+\.$/,
        caption: /^People in care per level, (counted once a week|each day)$/,
      },
    ];
    for (const chart of charts) {
      await expectChartDrawn(page, chart.name);
      await expect(chartPicture(page, chart.name)).toHaveAccessibleName(chart.label);
      await screenshotChart(page, chart.name, `chart-${chart.name}`);
      const table = await showChartTable(page, chart.name);
      await expect(table.locator('caption')).toHaveText(chart.caption);
      expect((await tableCells(table)).length, `${chart.name} table rows`).toBeGreaterThan(0);
      await chartFrame(page, chart.name).getByRole('button', { name: 'Hide table' }).click();
      await expect(chartFrame(page, chart.name).getByRole('button', { name: 'Show as table' })).toHaveAttribute('aria-expanded', 'false');
    }
    await screenshot(page, 'reports');
    await screenshotWholePage(page, 'reports-page');
    const flowRows = await tableCells(chartFrame(page, 'caseload-flow').getByRole('table'));

    // CSV through the shell's save dialog, with the transitions section matching the flow table; for use in the clinic.
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const audience = page.getByRole('dialog', { name: 'Who is this for?' });
    await expect(audience.getByRole('radio', { name: 'Use within the clinic' })).toBeChecked();
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(
      /^Saved stepwise-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv\.$/,
    );
    const csv = core.savedFiles.find((file) => file.name.endsWith('.csv'));
    expect(csv, 'a CSV file saved through the shell').toBeDefined();
    const content = csv?.content ?? '';
    // The export carries the 42 CFR Part 2 redisclosure notice first, then the report.
    expect(content).toMatch(/^"This record which has been disclosed to you is protected by Federal confidentiality rules \(42 CFR part 2\)\./);
    expect(content).toMatch(/\r\nStepwise level-of-care report\r\n/);
    expect(content).toContain('\r\n\r\nFrom,To,Moves\r\n');
    for (const [from, to, moves] of flowRows) {
      expect(content).toContain(`\r\n${from},${to?.replace(' (again, after a gap)', '')},${moves}\r\n`);
    }
    const transitions = content.split('\r\n\r\n').find((section) => section.startsWith('From,To,Moves'));
    expect(transitions?.split('\r\n').filter((line) => line !== '')).toHaveLength(flowRows.length + 1);

    // Save as PDF asks the shell (Electron's printToPDF in the app); this one goes to the county, so it is a disclosure.
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await audience.getByRole('radio', { name: /Someone outside the clinic/ }).check();
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(audience.getByText('Enter the recipient.')).toBeVisible();
    await audience.getByLabel('Recipient').fill('County behavioral health office');
    await audience.getByLabel('Purpose').fill('Quarterly program report');
    await audience.getByLabel('Consent reference').fill('Aggregate counts, no patient identifiers');
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(
      /^Saved stepwise-report-.+\.pdf\. The disclosure to County behavioral health office was recorded\.$/,
    );
    expect(core.database.sqlite.prepare('SELECT case_id AS caseId, recipient FROM disclosures').all()).toEqual([
      { caseId: null, recipient: 'County behavioral health office' },
    ]);
    expect(core.savedFiles.filter((file) => file.name.endsWith('.pdf'))).toEqual([
      { name: expect.stringMatching(/^stepwise-report-/), content: 'pdf' },
    ]);

    // The printed report: without the app's bar and buttons, and as a real PDF from Chromium.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-bar')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden();
    await expect(page.locator('.report-scope')).toBeVisible();
    await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-print.png'), fullPage: true, animations: 'disabled', caret: 'hide' });
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENS_DIR, 'reports.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('.app-bar')).toBeVisible();

    // The fourth chart lives on the case page: a demo case with the most episodes of care.
    const busiest = core.database.sqlite
      .prepare(
        "SELECT cases.mrn, cases.full_name AS fullName FROM cases JOIN episodes ON episodes.case_id = cases.id WHERE cases.status = 'active' GROUP BY cases.id ORDER BY count(*) DESC, cases.mrn LIMIT 1",
      )
      .get() as { mrn: string; fullName: string };
    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await openCase(page, busiest.mrn, busiest.fullName);
    await expect(chartPicture(page, 'case-timeline')).toHaveAccessibleName(
      new RegExp(`^Timeline of care for ${escapeRegExp(busiest.fullName)}\\. \\d+ episodes? from`),
    );
    await screenshotChart(page, 'case-timeline', 'chart-case-timeline');
    const timeline = await showChartTable(page, 'case-timeline');
    expect(episodeEvents(await tableCells(timeline)).length).toBeGreaterThan(0);
    expect(app.blockedRequests).toEqual([]);
  });

  test('correcting a step-down date moves the neighbouring boundary with it; a correction that would overlap is refused, naming the episode', async ({
    app,
  }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    // IOP, discharged; readmitted to inpatient and stepped down to IOP 30 days ago.
    const caseId = await admit(core, team, { mrn: 'T-5008', fullName: 'Greta Holm' }, 'iop', day(-90));
    await discharge(core, team.clinician, caseId, day(-70), 'completed');
    await place(core, team, caseId, 'inpatient', day(-50), day(-51));
    await place(core, team, caseId, 'iop', day(-30), day(-31));
    expect(episodesOf(core, caseId)).toEqual([
      { level: 'iop', start_date: day(-90), end_date: day(-70), end_reason: 'completed' },
      { level: 'inpatient', start_date: day(-50), end_date: day(-30), end_reason: 'stepped-down' },
      { level: 'iop', start_date: day(-30), end_date: null, end_reason: null },
    ]);
    await app.openAs('dana', ['clinician']);
    await openCase(page, 'Greta Holm');
    expect(await episodeTable(page)).toEqual([
      ['IOP', shownDate(day(-30)), 'Open', '—'],
      ['Inpatient', shownDate(day(-50)), shownDate(day(-30)), 'Stepped down'],
      ['IOP', shownDate(day(-90)), shownDate(day(-70)), 'Completed treatment'],
    ]);

    // The step-down happened five days later than recorded.
    await page.getByRole('button', { name: `Correct dates of the IOP episode from ${shownDate(day(-30))}` }).click();
    const dialog = page.getByRole('dialog', { name: "Correct the dates of Greta Holm's IOP episode" });
    await expect(dialog).toContainText(
      `The inpatient episode before it (${shownDate(day(-50))} – ${shownDate(day(-30))}) ends on this start date, so its end moves with a new start.`,
    );
    const reason = 'The bed was kept five more days; the planned date was entered.';
    await dialog.getByLabel('IOP start date').fill(day(-25));
    await dialog.getByLabel('Why the dates are corrected').fill(reason);
    await dialog.getByRole('button', { name: 'Save the corrected dates' }).click();
    await expect(dialog).toBeHidden();
    expect(await episodeTable(page)).toEqual([
      ['IOP', shownDate(day(-25)), 'Open', '—'],
      ['Inpatient', shownDate(day(-50)), shownDate(day(-25)), 'Stepped down'],
      ['IOP', shownDate(day(-90)), shownDate(day(-70)), 'Completed treatment'],
    ]);
    expect(episodesOf(core, caseId)).toEqual([
      { level: 'iop', start_date: day(-90), end_date: day(-70), end_reason: 'completed' },
      { level: 'inpatient', start_date: day(-50), end_date: day(-25), end_reason: 'stepped-down' },
      { level: 'iop', start_date: day(-25), end_date: null, end_reason: null },
    ]);
    const events = await cellTexts(page.getByRole('table', { name: 'Care events' }).locator('tbody tr'));
    const corrections = events.filter((cells) => cells[0]?.startsWith('Dates corrected')).map((cells) => cells.slice(0, 3));
    expect(corrections).toHaveLength(2);
    expect(corrections).toEqual(
      expect.arrayContaining([
        ['Dates corrected IOP', `${shownDate(day(-30))} – open changed to ${shownDate(day(-25))} – open`, reason],
        [
          'Dates corrected Inpatient',
          `${shownDate(day(-50))} – ${shownDate(day(-30))} changed to ${shownDate(day(-50))} – ${shownDate(day(-25))}`,
          `${reason} (the neighbouring boundary moved with it)`,
        ],
      ]),
    );
    await screenshot(page, 'transitions-corrected');

    // Moving the inpatient admission back into the earlier IOP stay would overlap it: refused, nothing changes.
    const episodesBefore = episodesOf(core, caseId);
    const eventsBefore = careEventsOf(core, caseId);
    await page.getByRole('button', { name: `Correct dates of the inpatient episode from ${shownDate(day(-50))}` }).click();
    const inpatientDialog = page.getByRole('dialog', { name: "Correct the dates of Greta Holm's inpatient episode" });
    const start = inpatientDialog.getByLabel('Inpatient start date');
    await start.fill(day(-80));
    await inpatientDialog.getByLabel('Why the dates are corrected').fill('Admitted earlier than recorded.');
    await inpatientDialog.getByRole('button', { name: 'Save the corrected dates' }).click();
    const overlap = `The IOP episode from ${day(-90)} to ${day(-70)} overlaps the Inpatient episode from ${day(-80)} to ${day(-25)}.`;
    await expect(inpatientDialog.locator('#correct-episode-startDate-error')).toHaveText(overlap);
    await expect(start).toHaveAccessibleDescription(overlap);
    await expect(start).toHaveAttribute('aria-invalid', 'true');
    await expect(start).toBeFocused();
    await expect(start).toHaveValue(day(-80));
    await screenshot(page, 'transitions-correction-refused');
    expect(episodesOf(core, caseId)).toEqual(episodesBefore);
    expect(careEventsOf(core, caseId)).toEqual(eventsBefore);
    await page.keyboard.press('Escape');
    await expect(inpatientDialog).toBeHidden();
    expect(await episodeTable(page)).toEqual([
      ['IOP', shownDate(day(-25)), 'Open', '—'],
      ['Inpatient', shownDate(day(-50)), shownDate(day(-25)), 'Stepped down'],
      ['IOP', shownDate(day(-90)), shownDate(day(-70)), 'Completed treatment'],
    ]);
  });

  test('the reports page and a case with care events, attendance and authorizations have no serious accessibility violations', async ({ app }) => {
    // axe over the whole demo report and a long case page takes seconds per pass.
    test.slow();
    const { page, core } = app;
    const team = await careTeam(core);
    await loadDemo(core, team.admin);
    const lastWeek = addDays(startOfWeek(T), -7);
    const caseId = await createCase(core, team.clinician, { mrn: 'T-5009', fullName: 'Hugo Brandt', payer: 'Medicaid', program: 'North clinic' });
    await place(core, team, caseId, 'inpatient', day(-40), day(-41));
    await place(core, team, caseId, 'iop', day(-26), day(-27));
    await recordAttendance(core, team.clinician, caseId, [
      { date: lastWeek, hours: 3 },
      { date: addDays(lastWeek, 2), hours: 2.5 },
    ]);
    await authorize(core, team.clinician, caseId, { payer: 'Medicaid', level: 'iop', fromDate: day(-26), toDate: day(3), units: 12 });
    await as(core, team.clinician, async (invoke) => {
      const episodeId = String(core.database.sqlite.prepare("SELECT id FROM episodes WHERE case_id = ? AND level = 'iop'").pluck().get(caseId));
      await invoke('care.correctEpisode', { caseId, episodeId, startDate: day(-24), reason: 'Started two days later than planned.' });
    });
    await app.openAs('sam', ['supervisor']);

    await mainNav(page).getByRole('button', { name: 'Reports' }).click();
    await reportsSettled(page);
    for (const name of ['caseload-flow', 'length-of-stay', 'census'] as const) await expectChartDrawn(page, name);
    // The tables are always there for screen readers (visually hidden); one is shown so axe also sees it on screen.
    await showChartTable(page, 'caseload-flow');
    await expectNoSeriousViolations(page, 'reports page');

    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await openCase(page, 'Hugo Brandt');
    await expectChartDrawn(page, 'case-timeline');
    await expect(page.getByRole('table', { name: 'Care events' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'IOP sessions' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Payer authorizations' }).locator('.care-summary .attention-marker')).toBeVisible();
    await showChartTable(page, 'case-timeline');
    await expectNoSeriousViolations(page, 'case detail');

    await page.getByRole('button', { name: /^Record discharge/ }).click();
    await expect(page.getByRole('dialog', { name: 'Record the discharge of Hugo Brandt' })).toBeVisible();
    await expectNoSeriousViolations(page, 'discharge dialog');
  });
});
