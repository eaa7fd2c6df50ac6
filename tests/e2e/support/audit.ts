import { expect, type Locator, type Page } from '@playwright/test';
import type { TestCore } from '../../support/testCore';
import { cellTexts } from './care';

// The audit log screen and the audit table underneath it.

export const AUDIT_COLUMNS = ['Row', 'Time', 'User', 'Action', 'Outcome', 'Record', 'Details'] as const;
export type AuditColumn = (typeof AUDIT_COLUMNS)[number];
export type AuditCells = Readonly<Record<AuditColumn, string>>;

export function auditTable(page: Page): Locator {
  return page.getByRole('table', { name: /^Audit log, newest first/ });
}

/** The shown rows as the words a screen reader gives for each cell, by column name. */
export async function auditRows(page: Page): Promise<AuditCells[]> {
  const rows = await cellTexts(auditTable(page).locator('tbody tr'));
  return rows.map((cells) => Object.fromEntries(AUDIT_COLUMNS.map((column, index) => [column, cells[index] ?? ''])) as AuditCells);
}

/** Waits until the table shows the newest rows of the current filter and nothing is loading. */
export async function auditSettled(page: Page): Promise<void> {
  await expect(page.locator('.audit-scroll, .audit-page .empty-state').first()).toBeVisible();
  await expect(page.locator('.audit-scroll[aria-busy="true"]')).toHaveCount(0);
}

export function auditEventCount(core: TestCore): number {
  return Number(core.database.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get());
}

export function auditSeqOf(core: TestCore, action: string): number {
  return Number(core.database.sqlite.prepare('SELECT seq FROM audit_events WHERE action = ? ORDER BY seq LIMIT 1').pluck().get(action));
}

/**
 * What an attacker with the database file could do: drop the append-only trigger and rewrite a row's details.
 * The row's stored hash no longer matches its content, so verification must name it.
 */
export function tamperWithAuditDetails(core: TestCore, seq: number, details: Readonly<Record<string, string>>): void {
  const sqlite = core.database.sqlite;
  sqlite.exec('DROP TRIGGER audit_events_no_update');
  const changed = sqlite.prepare('UPDATE audit_events SET details = ? WHERE seq = ?').run(JSON.stringify(details), seq);
  expect(changed.changes, `audit row ${seq} rewritten`).toBe(1);
}
