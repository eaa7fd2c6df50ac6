import { describeEpisode, episodeProblems, type Episode } from '../../shared/domain/episodes';
import type { EpisodeRow } from '../../shared/import/rows';
import { episodesByCase } from '../repositories/importRepository';
import { mrnKey, type CheckerInput, type RowChecker } from './planImport';

interface FileEpisode {
  readonly episode: Episode;
  readonly row: number;
  readonly mrn: string;
}

const sameEpisode = (a: Episode, b: Episode) =>
  a.level === b.level && a.startDate === b.startDate && a.endDate === b.endDate && a.endReason === b.endReason;
const END_OF_TIME = '9999-12-31';

/**
 * Sorted by start, a history is valid when each episode ends no later than the next one starts and at most one is
 * open; so a sweep over neighbours finds every conflict in n log n, where comparing all pairs took minutes.
 */
function conflictsOf(all: readonly Episode[]): Map<string, Episode> {
  const sorted = [...all].sort((a, b) =>
    a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : (a.endDate ?? END_OF_TIME) < (b.endDate ?? END_OF_TIME) ? -1 : 1,
  );
  const conflicts = new Map<string, Episode>();
  let reach: Episode | undefined;
  for (const episode of sorted) {
    if (episodeProblems([episode]).length > 0) conflicts.set(episode.id, episode);
    if (reach) {
      const reachEnd = reach.endDate ?? END_OF_TIME;
      // Half-open stays: one that ends the day the next begins does not overlap it; a zero-length stay overlaps nothing.
      const overlaps = episode.startDate < reachEnd && reach.startDate !== reachEnd && episode.startDate !== (episode.endDate ?? END_OF_TIME);
      if (overlaps) {
        conflicts.set(episode.id, reach);
        if (!conflicts.has(reach.id)) conflicts.set(reach.id, episode);
      }
    }
    if (!reach || (episode.endDate ?? END_OF_TIME) > (reach.endDate ?? END_OF_TIME)) reach = episode;
  }
  const open = sorted.filter((episode) => episode.endDate === null);
  for (const episode of open.slice(1)) if (!conflicts.has(episode.id)) conflicts.set(episode.id, open[0] ?? episode);
  return conflicts;
}

export async function episodeChecker({ ctx, plan, cases, problem }: CheckerInput): Promise<RowChecker> {
  const stored = await episodesByCase(ctx.db);
  const fromFile = new Map<string, FileEpisode[]>();
  const statusOf = new Map([...cases.values()].map((found) => [found.id, found.status]));
  return {
    row(rowNumber, value) {
      const row = value as EpisodeRow;
      const found = cases.get(mrnKey(row.mrn));
      if (!found) {
        problem(rowNumber, 'mrn', row.mrn, `No case has the MRN ${row.mrn}. Import the cases first, or check the MRN.`);
        return;
      }
      const episode: Episode = { id: ctx.newId(), level: row.level, startDate: row.startedOn, endDate: row.endedOn, endReason: row.endReason };
      if (row.startedOn < found.dateOfBirth) {
        problem(rowNumber, 'started_on', row.startedOn, 'The start date is before the date of birth.');
        return;
      }
      if ((stored.get(found.id) ?? []).some((existing) => sameEpisode(existing, episode))) {
        plan.unchanged += 1;
        return;
      }
      if (episode.endDate === null && statusOf.get(found.id) === 'discharged') {
        problem(
          rowNumber,
          'ended_on',
          '',
          `The case ${found.mrn} is discharged, so it cannot have an open episode. Give the end date and reason, or record a readmission on the case.`,
        );
        return;
      }
      const listed = fromFile.get(found.id) ?? [];
      const twin = listed.find((entry) => sameEpisode(entry.episode, episode));
      if (twin) {
        problem(rowNumber, 'started_on', row.startedOn, `Row ${twin.row} holds the same episode; each episode can appear only once.`);
        return;
      }
      listed.push({ episode, row: rowNumber, mrn: row.mrn });
      fromFile.set(found.id, listed);
    },
    finish() {
      // Overlaps and a second open episode can only be judged with the case's whole history.
      for (const [caseId, entries] of fromFile) {
        const existing = stored.get(caseId) ?? [];
        const all = [...existing, ...entries.map((entry) => entry.episode)];
        const conflicts = conflictsOf(all);
        let failed = false;
        for (const entry of entries) {
          const other = conflicts.get(entry.episode.id);
          if (!other) continue;
          failed = true;
          const own = episodeProblems([entry.episode])[0];
          const source = existing.includes(other) ? 'already recorded' : 'also in this file';
          const message =
            own !== undefined && other === entry.episode
              ? own
              : `This ${describeEpisode(entry.episode)} of ${entry.mrn} conflicts with the ${describeEpisode(other)} (${source}): ${other.endDate === null && entry.episode.endDate === null ? 'a case can have only one open episode.' : 'the two overlap.'}`;
          problem(entry.row, 'started_on', entry.episode.startDate, message);
        }
        if (failed) continue;
        const sorted = [...all].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
        const added = new Set(entries.map((entry) => entry.episode.id));
        sorted.forEach((episode, index) => {
          if (!added.has(episode.id)) return;
          const previous = index > 0 ? sorted[index - 1] : undefined;
          plan.newEpisodes.push({ ...episode, caseId, followsId: previous && previous.endDate === episode.startDate ? previous.id : null });
        });
        plan.touchedCaseIds.add(caseId);
      }
    },
  };
}
