import type { IsoDate } from './dates';
import { levelRank, LEVEL_SHORT_LABELS, type Level } from './levels';

export const EPISODE_END_REASONS = [
  'stepped-up',
  'stepped-down',
  'completed',
  'transferred',
  'dropped-out',
  'administrative-discharge',
  'incarcerated',
  'died',
  'other',
] as const;
export type EpisodeEndReason = (typeof EPISODE_END_REASONS)[number];

/** A stretch of care at one level. It covers start <= day < end; an open episode has no end yet. */
export interface Episode {
  readonly id: string;
  readonly level: Level;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  readonly endReason: EpisodeEndReason | null;
  /** The episode this one replaced in a transition; links the history in the order it happened. */
  readonly followsId?: string | null;
}

export type EpisodeChange =
  | { readonly kind: 'open'; readonly episode: Episode }
  | { readonly kind: 'update'; readonly episode: Episode }
  | { readonly kind: 'delete'; readonly episodeId: string };

export type EpisodePlan = { readonly ok: true; readonly changes: readonly EpisodeChange[] } | { readonly ok: false; readonly message: string };

export function describeEpisode(episode: Episode): string {
  return `${LEVEL_SHORT_LABELS[episode.level]} episode from ${episode.startDate}${episode.endDate ? ` to ${episode.endDate}` : ' (open)'}`;
}

/** Problems with a case's episode history; an empty list means every invariant holds. */
export function episodeProblems(episodes: readonly Episode[]): string[] {
  const problems: string[] = [];
  const open = episodes.filter((episode) => episode.endDate === null);
  if (open.length > 1) problems.push(`A case can have only one open episode, but ${open.length} are open.`);
  for (const episode of episodes) {
    if (episode.endDate !== null && episode.endDate < episode.startDate) {
      problems.push(`The ${describeEpisode(episode)} ends before it starts.`);
    }
    if ((episode.endDate === null) !== (episode.endReason === null))
      problems.push(`The ${describeEpisode(episode)} needs an end date and an end reason together.`);
  }
  const sorted = [...episodes].sort(byStart);
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      const a = sorted[i];
      const b = sorted[j];
      if (a && b && overlaps(a, b)) problems.push(`The ${describeEpisode(a)} overlaps the ${describeEpisode(b)}.`);
    }
  }
  return problems;
}

/** Half-open intervals [start, end): a same-day transition (end = next start) does not overlap. */
export function overlaps(a: Episode, b: Episode): boolean {
  const aEnd = a.endDate ?? '9999-12-31';
  const bEnd = b.endDate ?? '9999-12-31';
  if (a.startDate === aEnd || b.startDate === bEnd) return false;
  return a.startDate < bEnd && b.startDate < aEnd;
}

function byStart(a: Episode, b: Episode): number {
  return a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1;
}

export function openEpisode(episodes: readonly Episode[]): Episode | undefined {
  return episodes.find((episode) => episode.endDate === null);
}

/** The level of care on a given day, from the episodes covering it. */
export function levelOn(episodes: readonly Episode[], day: IsoDate): Level | null {
  const covering = episodes.find((episode) => episode.startDate <= day && (episode.endDate === null || day < episode.endDate));
  return covering?.level ?? null;
}

export function transitionEndReason(from: Level, to: Level): EpisodeEndReason {
  return levelRank(to) > levelRank(from) ? 'stepped-up' : 'stepped-down';
}

/**
 * The episode changes for moving a case to `level` on `effectiveDate`: close the open episode and open
 * the next one on the same day. No change when the case is already at that level.
 */
export function planTransition(episodes: readonly Episode[], level: Level, effectiveDate: IsoDate, newEpisodeId: string): EpisodePlan {
  const current = openEpisode(episodes);
  const next: Episode = { id: newEpisodeId, level, startDate: effectiveDate, endDate: null, endReason: null, followsId: current?.id ?? null };
  if (current?.level === level) return { ok: true, changes: [] };
  const changes: EpisodeChange[] = [];
  if (current) {
    if (effectiveDate < current.startDate) {
      return { ok: false, message: `The effective date ${effectiveDate} is before the current ${describeEpisode(current)} began.` };
    }
    changes.push({ kind: 'update', episode: { ...current, endDate: effectiveDate, endReason: transitionEndReason(current.level, level) } });
  }
  changes.push({ kind: 'open', episode: next });
  return checked(episodes, changes);
}

/**
 * Corrects the boundary an earlier transition created: the episode it opened (which must still be open)
 * moves to the corrected level and date, and the episode it closed moves its end with it. A correction back
 * to the previous level removes the transition altogether and reopens the previous episode.
 */
export function planCorrection(episodes: readonly Episode[], openedEpisodeId: string, level: Level, effectiveDate: IsoDate): EpisodePlan {
  const opened = episodes.find((episode) => episode.id === openedEpisodeId);
  if (!opened) return { ok: false, message: 'The episode this decision opened no longer exists.' };
  if (opened.endDate !== null) {
    return { ok: false, message: `The ${describeEpisode(opened)} has already ended; correct the later decision that ended it first.` };
  }
  const previous = previousEpisode(episodes, opened);
  if (previous === 'ambiguous') {
    return {
      ok: false,
      message: `Stepwise cannot tell which episode the ${describeEpisode(opened)} replaced; correct it with a new decision instead.`,
    };
  }
  const changes: EpisodeChange[] = [];
  if (previous && previous.level === level) {
    changes.push({ kind: 'delete', episodeId: opened.id });
    changes.push({ kind: 'update', episode: { ...previous, endDate: null, endReason: null } });
    return checked(episodes, changes);
  }
  if (previous) {
    if (effectiveDate < previous.startDate) {
      return { ok: false, message: `The corrected date ${effectiveDate} is before the ${describeEpisode(previous)} began.` };
    }
    changes.push({ kind: 'update', episode: { ...previous, endDate: effectiveDate, endReason: transitionEndReason(previous.level, level) } });
  }
  changes.push({ kind: 'update', episode: { ...opened, level, startDate: effectiveDate } });
  return checked(episodes, changes);
}

/**
 * The episode a transition closed. Episodes record it (`followsId`); for histories without the link, the
 * one transition episode ending on that day is used, and several same-day candidates cannot be told apart.
 */
function previousEpisode(episodes: readonly Episode[], opened: Episode): Episode | undefined | 'ambiguous' {
  if (opened.followsId !== undefined) {
    return opened.followsId === null ? undefined : episodes.find((episode) => episode.id === opened.followsId);
  }
  const candidates = episodes.filter(
    (episode) => episode.endDate === opened.startDate && episode.id !== opened.id && episode.endReason !== null && isTransition(episode.endReason),
  );
  return candidates.length > 1 ? 'ambiguous' : candidates[0];
}

function isTransition(reason: EpisodeEndReason): boolean {
  return reason === 'stepped-up' || reason === 'stepped-down';
}

export function applyEpisodeChanges(episodes: readonly Episode[], changes: readonly EpisodeChange[]): Episode[] {
  let result = [...episodes];
  for (const change of changes) {
    if (change.kind === 'delete') result = result.filter((episode) => episode.id !== change.episodeId);
    else if (change.kind === 'open') result.push(change.episode);
    else result = result.map((episode) => (episode.id === change.episode.id ? change.episode : episode));
  }
  return result.sort(byStart);
}

/** Every plan is checked against the invariants before anything is written. */
function checked(episodes: readonly Episode[], changes: readonly EpisodeChange[]): EpisodePlan {
  const problems = episodeProblems(applyEpisodeChanges(episodes, changes));
  const [first] = problems;
  return first === undefined ? { ok: true, changes } : { ok: false, message: first };
}

export const DISCHARGE_REASONS = ['completed', 'transferred', 'dropped-out', 'administrative-discharge', 'incarcerated', 'died', 'other'] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

/** Closes the open episode on the discharge date; the case then has no current level until a readmission. */
export function planDischarge(episodes: readonly Episode[], dischargeDate: IsoDate, reason: DischargeReason): EpisodePlan {
  const current = openEpisode(episodes);
  if (!current) return { ok: false, message: 'The case has no open episode to discharge from.' };
  if (dischargeDate < current.startDate) {
    return { ok: false, message: `The discharge date ${dischargeDate} is before the current ${describeEpisode(current)} began.` };
  }
  return checked(episodes, [{ kind: 'update', episode: { ...current, endDate: dischargeDate, endReason: reason } }]);
}

export interface EpisodeDates {
  readonly startDate?: IsoDate;
  readonly endDate?: IsoDate;
}

/**
 * Corrects an episode's dates. The neighbouring boundary moves with it: the episode that ended where this one
 * started, or began where this one ended, keeps touching it, so a wrong date can be fixed without a gap or an
 * overlap appearing. A correction that still breaks an invariant is refused, naming the conflicting episode.
 */
export function planDateCorrection(episodes: readonly Episode[], episodeId: string, dates: EpisodeDates): EpisodePlan {
  const target = episodes.find((episode) => episode.id === episodeId);
  if (!target) return { ok: false, message: 'That episode does not exist.' };
  if (dates.endDate !== undefined && target.endDate === null) {
    return { ok: false, message: `The ${describeEpisode(target)} is still open; record a discharge or a decision to end it.` };
  }
  const changes: EpisodeChange[] = [];
  const startDate = dates.startDate ?? target.startDate;
  const endDate = dates.endDate ?? target.endDate;
  changes.push({ kind: 'update', episode: { ...target, startDate, endDate } });
  if (startDate !== target.startDate) {
    const before = touchingBefore(episodes, target);
    if (before) changes.push({ kind: 'update', episode: { ...before, endDate: startDate } });
  }
  if (endDate !== null && endDate !== target.endDate) {
    const after = touchingAfter(episodes, target);
    if (after) changes.push({ kind: 'update', episode: { ...after, startDate: endDate } });
  }
  return checked(episodes, changes);
}

/** The episode that ended where `target` began, by the recorded link when there is one. */
function touchingBefore(episodes: readonly Episode[], target: Episode): Episode | undefined {
  const touching = episodes.filter((episode) => episode.id !== target.id && episode.endDate === target.startDate);
  return touching.find((episode) => episode.id === target.followsId) ?? (touching.length === 1 ? touching[0] : undefined);
}

/** The episode that began where `target` ended, by the recorded link when there is one. */
function touchingAfter(episodes: readonly Episode[], target: Episode): Episode | undefined {
  const touching = episodes.filter((episode) => episode.id !== target.id && target.endDate !== null && episode.startDate === target.endDate);
  return touching.find((episode) => episode.followsId === target.id) ?? (touching.length === 1 ? touching[0] : undefined);
}
