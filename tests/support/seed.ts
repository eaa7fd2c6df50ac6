import type { Level } from '../../shared/domain/levels';
import { insertEpisodes } from '../../electron/repositories/episodesRepository';
import { refreshCaseState } from '../../electron/services/caseState';
import type { TestCore } from './testCore';

/** Gives a case an open episode directly, for tests about what happens to an already placed case. */
export async function placeCase(core: TestCore, caseId: string, level: Level, since: string): Promise<void> {
  await insertEpisodes(core.database.db, [{ id: `episode-${caseId}-${since}`, caseId, level, startDate: since, now: '2026-01-01T00:00:00.000Z' }]);
  await refreshCaseState({ db: core.database.db, clock: { now: () => new Date('2026-11-29T10:00:00Z'), today: () => '2026-11-29' } }, caseId);
}

export function expectOk<T>(result: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
