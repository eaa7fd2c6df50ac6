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
  showChartTable,
  submitPlacement,
  tableCells,
} from '../support/care';
import { expectCaseTotal } from '../support/caseload';
import { expect, test } from '../support/fixtures';
import { addDays, as, episodeEvents, escapeRegExp, mainNav, screenshot, shownDate, today } from '../support/workflow';

const T = today();
/** A day relative to today. */
const day = (offset: number) => addDays(T, offset);

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
