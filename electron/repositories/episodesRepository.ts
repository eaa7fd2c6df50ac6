import type { Kysely } from 'kysely';
import type { EpisodeRecord } from '../../shared/contract/caseDetail';
import type { Episode, EpisodeChange } from '../../shared/domain/episodes';
import type { StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export async function listEpisodes(db: Db, caseId: string): Promise<EpisodeRecord[]> {
  return (await listEpisodesOfCases(db, [caseId])).map(({ caseId: _case, ...episode }) => episode);
}

/** The episodes of these cases, each case's in the order they started (chunked: SQLite limits bound parameters). */
export async function listEpisodesOfCases(db: Db, caseIds: readonly string[]): Promise<(EpisodeRecord & { readonly caseId: string })[]> {
  const chunk = 500;
  const episodes: (EpisodeRecord & { readonly caseId: string })[] = [];
  for (let start = 0; start < caseIds.length; start += chunk) {
    const rows = await db
      .selectFrom('episodes')
      .selectAll()
      .where('case_id', 'in', caseIds.slice(start, start + chunk))
      .orderBy('case_id')
      .orderBy('start_date')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    episodes.push(
      ...rows.map((row) => ({
        caseId: row.case_id,
        id: row.id,
        level: row.level,
        startDate: row.start_date,
        endDate: row.end_date,
        endReason: row.end_reason,
        openedByDecisionId: row.opened_by_decision_id,
        followsId: row.follows_episode_id,
      })),
    );
  }
  return episodes;
}

/** Writes a checked episode plan. Deletes and closes run before opens so the one-open-episode index never trips. */
export async function applyEpisodeChangeRows(
  db: Db,
  caseId: string,
  changes: readonly EpisodeChange[],
  openedBy: string | null,
  now: string,
): Promise<void> {
  const order = { delete: 0, update: 1, open: 2 } as const;
  for (const change of [...changes].sort((a, b) => order[a.kind] - order[b.kind])) {
    if (change.kind === 'delete') {
      await db.deleteFrom('episodes').where('id', '=', change.episodeId).where('case_id', '=', caseId).execute();
    } else if (change.kind === 'update') {
      const { episode } = change;
      await db
        .updateTable('episodes')
        .set({ level: episode.level, start_date: episode.startDate, end_date: episode.endDate, end_reason: episode.endReason, updated_at: now })
        .where('id', '=', episode.id)
        .where('case_id', '=', caseId)
        .execute();
    } else {
      const { episode } = change;
      await db
        .insertInto('episodes')
        .values({
          id: episode.id,
          case_id: caseId,
          level: episode.level,
          start_date: episode.startDate,
          end_date: episode.endDate,
          end_reason: episode.endReason,
          opened_by_decision_id: openedBy,
          follows_episode_id: episode.followsId ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
}

export async function insertEpisodes(
  db: Db,
  rows: readonly { id: string; caseId: string; level: EpisodeRecord['level']; startDate: string; now: string }[],
): Promise<void> {
  const chunkSize = 400;
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db
      .insertInto('episodes')
      .values(
        rows.slice(start, start + chunkSize).map((row) => ({
          id: row.id,
          case_id: row.caseId,
          level: row.level,
          start_date: row.startDate,
          end_date: null,
          end_reason: null,
          opened_by_decision_id: null,
          follows_episode_id: null,
          created_at: row.now,
          updated_at: row.now,
        })),
      )
      .execute();
  }
}

/** The pure domain view of stored episodes (without the decision that opened them). */
export function episodesOf(records: readonly EpisodeRecord[]): Episode[] {
  return records.map(({ openedByDecisionId: _opened, ...episode }) => episode);
}
