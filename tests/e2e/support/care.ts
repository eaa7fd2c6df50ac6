import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { SessionUser } from '../../../shared/contract/auth';
import type { CaseSummary } from '../../../shared/contract/cases';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type { DischargeReason, EpisodeEndReason } from '../../../shared/domain/episodes';
import type { Level } from '../../../shared/domain/levels';
import { makeAssessmentInput } from '../../factories/assessments';
import type { TestCore } from '../../support/testCore';
import { addDays, as, SCREENS_DIR } from './workflow';

// Seeding care histories through the real registry, as the people who would record them.

export interface CareTeam {
  readonly clinician: SessionUser;
  readonly supervisor: SessionUser;
  readonly admin: SessionUser;
}

export async function careTeam(core: TestCore): Promise<CareTeam> {
  return {
    clinician: await core.addUser('dana', ['clinician'], 'Dana Whitfield'),
    supervisor: await core.addUser('sam', ['supervisor'], 'Sam Okafor'),
    admin: await core.addUser('morgan', ['admin'], 'Morgan Reyes'),
  };
}

export interface Patient {
  readonly mrn: string;
  readonly fullName: string;
  readonly payer?: string;
  readonly program?: string;
}

/** The demo caseload, loaded by the administrator as from the empty caseload. */
export async function loadDemo(core: TestCore, admin: SessionUser): Promise<void> {
  await as(core, admin, (invoke) => invoke('demo.load', {}));
}

export async function createCase(core: TestCore, clinician: SessionUser, patient: Patient): Promise<string> {
  return as(core, clinician, async (invoke) => {
    const created = (await invoke('cases.create', { dateOfBirth: '1986-02-14', ...patient })) as CaseSummary;
    return created.id;
  });
}

/** Answers that the rules place at inpatient care: the use is life-threatening. */
const INPATIENT_ANSWERS = {
  severity: 'severe',
  criteria: { ...makeAssessmentInput('').criteria, lifeThreateningUse: true, needs24HourSupervision: true, safeSoberHousing: false },
} as const;

/**
 * An assessment on `assessedOn` that recommends `level` (inpatient or IOP), and a decision for that level from
 * `effectiveDate`, submitted for review by the clinician. A level the rules do not recommend carries a variance.
 */
export async function submitPlacement(
  core: TestCore,
  clinician: SessionUser,
  caseId: string,
  level: Level,
  effectiveDate: string,
  assessedOn = effectiveDate,
): Promise<string> {
  return as(core, clinician, async (invoke) => {
    const answers = level === 'inpatient' ? INPATIENT_ANSWERS : {};
    const assessment = (await invoke('assessments.save', makeAssessmentInput(caseId, { assessedOn, ...answers }))) as AssessmentRecord;
    const variance =
      assessment.recommendation.level === level ? {} : { varianceReason: 'clinical-judgement', varianceText: 'Seeded for the end-to-end test.' };
    const decision = (await invoke('decisions.save', {
      caseId,
      assessmentId: assessment.id,
      chosenLevel: level,
      effectiveDate,
      submit: true,
      ...variance,
    })) as DecisionRecord;
    return decision.id;
  });
}

export async function approve(core: TestCore, supervisor: SessionUser, decisionId: string): Promise<void> {
  await as(core, supervisor, (invoke) => invoke('decisions.approve', { decisionId, comment: 'Agree.' }));
}

/** Submits and approves a placement: the case moves to `level` on `effectiveDate`. */
export async function place(core: TestCore, team: CareTeam, caseId: string, level: Level, effectiveDate: string, assessedOn?: string): Promise<void> {
  await approve(core, team.supervisor, await submitPlacement(core, team.clinician, caseId, level, effectiveDate, assessedOn));
}

/** A new case placed at `level` since `since` (assessed the day before unless told otherwise). */
export async function admit(
  core: TestCore,
  team: CareTeam,
  patient: Patient,
  level: Level,
  since: string,
  assessedOn = addDays(since, -1),
): Promise<string> {
  const caseId = await createCase(core, team.clinician, patient);
  await place(core, team, caseId, level, since, assessedOn);
  return caseId;
}

export async function discharge(
  core: TestCore,
  clinician: SessionUser,
  caseId: string,
  dischargeDate: string,
  reason: DischargeReason,
): Promise<void> {
  await as(core, clinician, (invoke) => invoke('care.discharge', { caseId, dischargeDate, reason, note: '' }));
}

export async function recordAttendance(
  core: TestCore,
  clinician: SessionUser,
  caseId: string,
  sessions: readonly { readonly date: string; readonly hours: number }[],
): Promise<void> {
  await as(core, clinician, async (invoke) => {
    for (const session of sessions) await invoke('care.recordAttendance', { caseId, sessionDate: session.date, hours: session.hours });
  });
}

export async function authorize(
  core: TestCore,
  clinician: SessionUser,
  caseId: string,
  authorization: { readonly payer: string; readonly level: Level; readonly fromDate: string; readonly toDate: string; readonly units: number | null },
): Promise<void> {
  await as(core, clinician, (invoke) => invoke('care.saveAuthorization', { caseId, ...authorization }));
}

export interface EpisodeRow {
  readonly level: Level;
  readonly start_date: string;
  readonly end_date: string | null;
  readonly end_reason: EpisodeEndReason | null;
}

export function episodesOf(core: TestCore, caseId: string): EpisodeRow[] {
  return core.database.sqlite
    .prepare('SELECT level, start_date, end_date, end_reason FROM episodes WHERE case_id = ? ORDER BY start_date')
    .all(caseId) as EpisodeRow[];
}

export function careEventsOf(
  core: TestCore,
  caseId: string,
): { kind: string; event_date: string; end_reason: string | null; reason: string | null }[] {
  return core.database.sqlite
    .prepare('SELECT kind, event_date, end_reason, reason FROM care_events WHERE case_id = ? ORDER BY recorded_at, id')
    .all(caseId) as { kind: string; event_date: string; end_reason: string | null; reason: string | null }[];
}

/** Active cases: what the caseload lists while "Show discharged" is off. */
export function activeCaseCount(core: TestCore, where = '1 = 1', ...params: unknown[]): number {
  return Number(
    core.database.sqlite
      .prepare(`SELECT count(*) FROM cases WHERE status = 'active' AND (${where})`)
      .pluck()
      .get(...params),
  );
}

// The caseload and the case page.

export function caseloadRow(page: Page, fullName: string): Locator {
  return page.getByRole('table', { name: 'Caseload' }).getByRole('row', { name: new RegExp(fullName) });
}

/** Waits until the caseload has settled on a new query. */
export async function caseloadSettled(page: Page): Promise<void> {
  await expect(page.locator('.table-scroll, .empty-state').first()).toBeVisible();
  await expect(page.locator('.table-scroll[aria-busy="true"]')).toHaveCount(0);
}

/** Finds the case by name or MRN in the caseload's search and opens it. */
export async function openCase(page: Page, search: string, fullName = search): Promise<void> {
  await page.getByLabel(/^Search/).fill(search);
  await caseloadRow(page, search).click();
  await expect(page.getByRole('heading', { name: fullName, level: 1 })).toBeVisible();
}

export function episodeRows(page: Page): Locator {
  return page.getByRole('table', { name: 'Episodes of care' }).locator('tbody tr');
}

/**
 * Rows as the words a screen reader gives for each cell: decorative marks hidden from assistive technology
 * (the level dots, the "!" of an attention marker, the discharge square) are left out, whitespace collapsed.
 */
export async function cellTexts(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((elements) =>
    elements.map((row) =>
      Array.from((row as HTMLTableRowElement).cells).map((cell) => {
        const copy = cell.cloneNode(true) as HTMLElement;
        for (const hidden of Array.from(copy.querySelectorAll('[aria-hidden="true"]'))) hidden.remove();
        return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
      }),
    ),
  );
}

/** The episode table, newest first, as [level, start, end, end reason] per row. */
export async function episodeTable(page: Page): Promise<string[][]> {
  return (await cellTexts(episodeRows(page))).map((cells) => cells.slice(0, 4));
}

// Charts.

export type ChartName =
  'case-timeline' | 'caseload-flow' | 'census' | 'length-of-stay' | 'retro-flow' | 'retro-outcomes' | 'retro-stay' | 'retro-concordance';

export function chartFrame(page: Page, name: ChartName): Locator {
  return page.getByTestId(`chart-${name}`);
}

/** The drawing itself: role="img" with its accessible name. */
export function chartPicture(page: Page, name: ChartName): Locator {
  return chartFrame(page, name).getByRole('img').first();
}

/** ECharts loads lazily and marks its element once the first drawing is done. */
export async function expectChartDrawn(page: Page, name: ChartName): Promise<void> {
  await expect(chartFrame(page, name).locator('.chart-canvas[data-chart-ready="true"]')).toHaveCount(1);
  await expect(chartFrame(page, name).locator('.chart-canvas svg').first()).toBeVisible();
}

/** Saves test-results/screens/<file>.png of one chart, once it is drawn. */
export async function screenshotChart(page: Page, name: ChartName, file: string): Promise<void> {
  await expectChartDrawn(page, name);
  await chartFrame(page, name).screenshot({ path: path.join(SCREENS_DIR, `${file}.png`), animations: 'disabled', caret: 'hide' });
}

/** Opens the chart's table view and returns its table. */
export async function showChartTable(page: Page, name: ChartName): Promise<Locator> {
  const toggle = chartFrame(page, name).getByRole('button', { name: 'Show as table' });
  await toggle.click();
  await expect(chartFrame(page, name).getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  const table = chartFrame(page, name).getByRole('table');
  await expect(table).toBeVisible();
  return table;
}

/** The body rows of a table as the cell texts a screen reader gives. */
export async function tableCells(table: Locator): Promise<string[][]> {
  return cellTexts(table.locator('tbody tr'));
}

/** Moves from one level to another in the caseload flow table (0 when the row is absent). */
export async function flowMoves(table: Locator, from: string, to: string): Promise<number> {
  const row = (await tableCells(table)).find((cells) => cells[0] === from && cells[1] === to);
  return row ? Number(row[2]) : 0;
}

/** The reports page once its figures have arrived and nothing is being counted. */
export async function reportsSettled(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Transitions report', level: 1 })).toBeVisible();
  await expect(page.locator('.reports-page')).toHaveAttribute('aria-busy', 'false');
}

/**
 * Screenshot of a whole scrolling page: the window is made as tall as the content (the app scrolls inside its
 * main area, so a full-page screenshot would stop at the window), then put back to the configured size.
 */
export async function screenshotWholePage(page: Page, file: string): Promise<void> {
  const original = page.viewportSize();
  const height = await page.evaluate(() => {
    const bar = document.querySelector('.app-bar')?.getBoundingClientRect().height ?? 0;
    const main = document.querySelector('.app-main');
    return Math.ceil(bar + (main?.scrollHeight ?? document.documentElement.scrollHeight));
  });
  await page.setViewportSize({ width: original?.width ?? 1280, height: Math.max(original?.height ?? 800, height) });
  try {
    await page.screenshot({ path: path.join(SCREENS_DIR, `${file}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
  } finally {
    if (original) await page.setViewportSize(original);
  }
}

// Accessibility.

/** Every serious or critical axe violation on the page, printed in the failure message. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const described = serious.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
        .join('\n    ')}`,
  );
  expect(serious, `serious or critical accessibility violations on the ${screen}:\n${described.join('\n')}`).toEqual([]);
}
