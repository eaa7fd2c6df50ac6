import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { SessionUser } from '../../../shared/contract/auth';
import type { CaseSummary } from '../../../shared/contract/cases';
import type { DecisionRecord, SaveDecisionInput } from '../../../shared/contract/decisions';
import type { Result } from '../../../shared/contract/result';
import { DIMENSION_ANCHORS } from '../../../shared/domain/anchors';
import { addDays, toIsoDate } from '../../../shared/domain/dates';
import { CRITERION_LABELS, DIMENSION_LABELS, type CriterionName, type DimensionName, type Severity } from '../../../shared/rules';
import { makeAssessmentInput } from '../../factories/assessments';
import type { TestCore } from '../../support/testCore';

export { addDays };

/** Where the run saves its screenshots of the main screens (the viewport, 1280×800 from the config). */
export const SCREENS_DIR = path.resolve(__dirname, '../../../test-results/screens');

export async function screenshot(page: Page, name: string): Promise<void> {
  expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** Today in the local calendar, as both the renderer and the main process compute it. */
export function today(): string {
  return toIsoDate(new Date());
}

/** A date as the renderer shows it (Playwright's default locale is en-US). */
export function shownDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** Unwraps a registry result, failing loudly with the app's own message. */
export function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Runs seeding calls through the real registry as this user, then leaves nobody signed in. */
export async function as<T>(
  core: TestCore,
  user: SessionUser,
  work: (invoke: (channel: string, input: unknown) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  core.session.begin(user);
  try {
    return await work(async (channel, input) => valueOf(await core.registry.invoke(channel, input)));
  } finally {
    core.session.end();
  }
}

export interface SeededDecision {
  readonly caseId: string;
  readonly assessmentId: string;
  readonly decisionId: string;
}

/** A case with an assessment and a decision submitted for review, written through the real channels by its author. */
export async function seedSubmittedDecision(
  core: TestCore,
  author: SessionUser,
  patient: { readonly mrn: string; readonly fullName: string },
  decision: Partial<SaveDecisionInput> & { readonly assessedOn?: string } = {},
): Promise<SeededDecision> {
  const { assessedOn = today(), ...rest } = decision;
  return as(core, author, async (invoke) => {
    const created = (await invoke('cases.create', { mrn: patient.mrn, fullName: patient.fullName, dateOfBirth: '1988-04-12' })) as CaseSummary;
    const assessment = (await invoke('assessments.save', makeAssessmentInput(created.id, { assessedOn }))) as AssessmentRecord;
    const saved = (await invoke('decisions.save', {
      caseId: created.id,
      assessmentId: assessment.id,
      chosenLevel: assessment.recommendation.level ?? 'iop',
      effectiveDate: assessedOn,
      ...rest,
    })) as DecisionRecord;
    await invoke('decisions.submit', { decisionId: saved.id });
    return { caseId: created.id, assessmentId: assessment.id, decisionId: saved.id };
  });
}

/** Approves through the real channel as a reviewer (never the author). */
export async function seedApproval(core: TestCore, reviewer: SessionUser, decisionId: string, comment = 'Agree.'): Promise<DecisionRecord> {
  return as(core, reviewer, async (invoke) => (await invoke('decisions.approve', { decisionId, comment })) as DecisionRecord);
}

// The assessment form, by its accessible names.

export type RatingChoice = 0 | 1 | 2 | 3 | 4;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function dimensionGroup(page: Page, dimension: DimensionName): Locator {
  return page.getByRole('group', { name: capitalize(DIMENSION_LABELS[dimension]), exact: true });
}

/** Picks a rating by its anchor text, the words a clinician reads beside the number. */
export async function rate(page: Page, dimension: DimensionName, rating: RatingChoice): Promise<void> {
  await dimensionGroup(page, dimension).getByRole('radio', { name: DIMENSION_ANCHORS[dimension][rating] }).check();
}

export async function answer(page: Page, criterion: CriterionName, value: 'Yes' | 'No' | 'Unknown'): Promise<void> {
  await page
    .getByRole('radiogroup', { name: capitalize(CRITERION_LABELS[criterion]), exact: true })
    .getByRole('radio', { name: value, exact: true })
    .check();
}

export async function chooseSeverity(page: Page, severity: Severity): Promise<void> {
  await page
    .getByRole('group', { name: 'Severity of the substance use disorder' })
    .getByRole('radio', { name: capitalize(severity), exact: true })
    .check();
}

/** The complete assessment the rules place at IOP (moderate disorder, safe housing, supportive network). */
export const IOP_ASSESSMENT = {
  severity: 'moderate',
  dimensions: { withdrawal: 1, biomedical: 0, psychiatric: 1, readiness: 1, relapse: 2, environment: 1 },
  criteria: {
    lifeThreateningUse: 'No',
    needsMedicallySupervisedWithdrawal: 'No',
    needs24HourSupervision: 'No',
    repeatedRelapseInOutpatient: 'No',
    safeSoberHousing: 'Yes',
    supportiveNetwork: 'Yes',
    courtOrderedResidential: 'No',
    severeCoOccurringMentalHealth: 'No',
    completedHigherLevelCare: 'No',
    selfMotivated: 'Yes',
    needsFlexibleSchedule: 'No',
  },
} as const satisfies {
  severity: Severity;
  dimensions: Record<DimensionName, RatingChoice>;
  criteria: Record<CriterionName, 'Yes' | 'No'>;
};

export async function fillDimensions(page: Page, dimensions: Readonly<Record<DimensionName, RatingChoice>>): Promise<void> {
  for (const [dimension, rating] of Object.entries(dimensions) as [DimensionName, RatingChoice][]) await rate(page, dimension, rating);
}

export async function fillCriteria(page: Page, criteria: Readonly<Record<CriterionName, 'Yes' | 'No'>>): Promise<void> {
  for (const [criterion, value] of Object.entries(criteria) as [CriterionName, 'Yes' | 'No'][]) await answer(page, criterion, value);
}

// Signing in and out through the screens.

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs out through the user menu, which is labelled with the person's name. */
export async function signOut(page: Page, displayName: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: displayName }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Counts rows of a table in the database, for "nothing was saved" checks. */
export function countRows(core: TestCore, table: 'users' | 'cases' | 'assessments' | 'decisions' | 'episodes' | 'decision_reviews'): number {
  return Number(core.database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
}

/** A literal text as a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Only the episode rows of a case timeline's table view: [date, event, level, details]. */
export function episodeEvents(rows: string[][]): string[][] {
  return rows.filter((row) => row[1]?.endsWith(' episode'));
}
