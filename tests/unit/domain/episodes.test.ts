import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../../shared/domain/dates';
import {
  applyEpisodeChanges,
  episodeProblems,
  levelOn,
  openEpisode,
  overlaps,
  planCorrection,
  planDateCorrection,
  planDischarge,
  planTransition,
  transitionEndReason,
  type Episode,
  type EpisodeChange,
  type EpisodeEndReason,
  type EpisodePlan,
} from '../../../shared/domain/episodes';
import { LEVELS, levelRank, type Level } from '../../../shared/domain/levels';

/** Day `offset` counted from 2020-01-01, as a real ISO date. */
const day = (offset: number): IsoDate => addDays('2020-01-01', offset);

function ep(id: string, level: Level, start: number, end: number | null = null, reason: EpisodeEndReason = 'stepped-up'): Episode {
  return { id, level, startDate: day(start), endDate: end === null ? null : day(end), endReason: end === null ? null : reason };
}

/** An episode opened by a transition, linked to the one it replaced. */
const opened = (episode: Episode, followsId: string | null): Episode => ({ ...episode, followsId });

function changesOf(plan: EpisodePlan): readonly EpisodeChange[] {
  if (!plan.ok) throw new Error(`expected the plan to be accepted, but it was refused: ${plan.message}`);
  return plan.changes;
}

function refusalOf(plan: EpisodePlan): string {
  if (plan.ok) throw new Error(`expected the plan to be refused, but it was accepted: ${JSON.stringify(plan.changes)}`);
  return plan.message;
}

const apply = (episodes: readonly Episode[], plan: EpisodePlan): Episode[] => applyEpisodeChanges(episodes, changesOf(plan));
const byId = (episodes: readonly Episode[]): Episode[] => [...episodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Outpatient from day 0, stepped up to IOP on day 10 (episode e2 opened by that transition). */
const stepped: readonly Episode[] = [ep('e1', 'outpatient', 0, 10, 'stepped-up'), ep('e2', 'iop', 10)];

describe('planTransition', () => {
  it('links each opened episode to the one it replaced', () => {
    const [, openChange] = changesOf(planTransition(stepped, 'inpatient', day(15), 'e3'));
    expect(openChange).toEqual({ kind: 'open', episode: opened(ep('e3', 'inpatient', 15), 'e2') });
  });

  it('opens the first episode for a new case', () => {
    expect(planTransition([], 'iop', day(0), 'e1')).toEqual({ ok: true, changes: [{ kind: 'open', episode: opened(ep('e1', 'iop', 0), null) }] });
  });

  it('closes the open episode as stepped-up or stepped-down by the level order', () => {
    expect(changesOf(planTransition([ep('e1', 'outpatient', 0)], 'iop', day(10), 'e2'))).toEqual([
      { kind: 'update', episode: ep('e1', 'outpatient', 0, 10, 'stepped-up') },
      { kind: 'open', episode: opened(ep('e2', 'iop', 10), 'e1') },
    ]);
    expect(changesOf(planTransition([ep('e1', 'inpatient', 0)], 'outpatient', day(10), 'e2'))[0]).toEqual({
      kind: 'update',
      episode: ep('e1', 'inpatient', 0, 10, 'stepped-down'),
    });
    expect(transitionEndReason('outpatient', 'inpatient')).toBe('stepped-up');
    expect(transitionEndReason('iop', 'inpatient')).toBe('stepped-up');
    expect(transitionEndReason('inpatient', 'iop')).toBe('stepped-down');
    expect(transitionEndReason('iop', 'outpatient')).toBe('stepped-down');
  });

  it('allows a same-day transition: the old episode ends on the day the new one starts', () => {
    const history = apply([ep('e1', 'outpatient', 0)], planTransition([ep('e1', 'outpatient', 0)], 'inpatient', day(10), 'e2'));
    expect(history).toEqual([ep('e1', 'outpatient', 0, 10, 'stepped-up'), opened(ep('e2', 'inpatient', 10), 'e1')]);
    expect(episodeProblems(history)).toEqual([]);
    expect(levelOn(history, day(10))).toBe('inpatient');
    expect(levelOn(history, day(9))).toBe('outpatient');
    expect(levelOn(history, day(-1))).toBeNull();
  });

  it('allows a transition on the day the open episode began, leaving an empty episode', () => {
    const history = apply([ep('e1', 'outpatient', 5)], planTransition([ep('e1', 'outpatient', 5)], 'iop', day(5), 'e2'));
    expect(history).toEqual([ep('e1', 'outpatient', 5, 5, 'stepped-up'), opened(ep('e2', 'iop', 5), 'e1')]);
    expect(levelOn(history, day(5))).toBe('iop');
  });

  it('changes nothing for a decision at the current level, whatever its date', () => {
    expect(planTransition(stepped, 'iop', day(20), 'e3')).toEqual({ ok: true, changes: [] });
    expect(planTransition(stepped, 'iop', day(-5), 'e3')).toEqual({ ok: true, changes: [] });
  });

  it('refuses an effective date before the open episode began, naming that episode', () => {
    const message = refusalOf(planTransition(stepped, 'inpatient', day(9), 'e3'));
    expect(message).toContain('2020-01-10');
    expect(message).toContain('IOP episode from 2020-01-11 (open)');
  });
});

describe('planCorrection', () => {
  it('moves the boundary to a corrected date', () => {
    const history = apply(stepped, planCorrection(stepped, 'e2', 'iop', day(12)));
    expect(history).toEqual([ep('e1', 'outpatient', 0, 12, 'stepped-up'), ep('e2', 'iop', 12)]);
    expect(levelOn(history, day(11))).toBe('outpatient');
  });

  it('moves the opened episode to a corrected level and recomputes the end reason', () => {
    const history: Episode[] = [ep('e1', 'iop', 0, 10, 'stepped-up'), ep('e2', 'inpatient', 10)];
    expect(apply(history, planCorrection(history, 'e2', 'outpatient', day(8)))).toEqual([
      ep('e1', 'iop', 0, 8, 'stepped-down'),
      ep('e2', 'outpatient', 8),
    ]);
  });

  it('removes the transition and reopens the previous episode when corrected back to its level', () => {
    const plan = planCorrection(stepped, 'e2', 'outpatient', day(14));
    expect(changesOf(plan)).toEqual([
      { kind: 'delete', episodeId: 'e2' },
      { kind: 'update', episode: ep('e1', 'outpatient', 0) },
    ]);
    const history = apply(stepped, plan);
    expect(history).toEqual([ep('e1', 'outpatient', 0)]);
    expect(openEpisode(history)?.id).toBe('e1');
  });

  it('refuses to correct a transition whose opened episode has already ended', () => {
    const history: Episode[] = [ep('e1', 'outpatient', 0, 10, 'stepped-up'), ep('e2', 'iop', 10, 20, 'stepped-up'), ep('e3', 'inpatient', 20)];
    const message = refusalOf(planCorrection(history, 'e2', 'inpatient', day(12)));
    expect(message).toContain('IOP episode from 2020-01-11 to 2020-01-21');
    expect(message).toContain('already ended');
  });

  it('refuses a corrected date before the previous episode began, naming that episode', () => {
    const message = refusalOf(planCorrection(stepped, 'e2', 'inpatient', day(-1)));
    expect(message).toContain('2019-12-31');
    expect(message).toContain('Outpatient episode from 2020-01-01 to 2020-01-11');
  });

  it('refuses a correction that would overlap an earlier episode, naming it', () => {
    const readmitted: Episode[] = [ep('e1', 'outpatient', 0, 5, 'completed'), ep('e2', 'iop', 8)];
    expect(refusalOf(planCorrection(readmitted, 'e2', 'iop', day(3)))).toContain('Outpatient episode from 2020-01-01 to 2020-01-06');
    expect(refusalOf(planCorrection(readmitted, 'missing', 'iop', day(9)))).toMatch(/no longer exists/);
  });

  it('finds the predecessor by the history, not by how the episode ids happen to sort', () => {
    // Three same-day transitions on 2020-01-06; ids are random UUIDs in the app, so their order means nothing.
    const history: Episode[] = [
      ep('z', 'outpatient', 5, 5, 'stepped-up'),
      ep('a', 'inpatient', 5, 5, 'stepped-down'),
      { ...ep('m', 'iop', 5), followsId: 'a' }, // opened by the transition that closed 'a'
    ];
    // Correcting back to the previous level (inpatient) should reopen 'a' and delete 'm'.
    expect(byId(apply(history, planCorrection(history, 'm', 'inpatient', day(5))))).toEqual([
      ep('a', 'inpatient', 5),
      ep('z', 'outpatient', 5, 5, 'stepped-up'),
    ]);
  });
});

describe('episodeProblems and overlaps', () => {
  it('accepts an empty or a valid history', () => {
    expect(episodeProblems([])).toEqual([]);
    expect(episodeProblems(stepped)).toEqual([]);
  });

  it('catches two open episodes', () => {
    expect(episodeProblems([ep('e1', 'outpatient', 0), ep('e2', 'iop', 30)]).join('\n')).toMatch(/only one open episode, but 2 are open/);
  });

  it('catches overlaps with half-open [start, end) semantics', () => {
    const first = ep('e1', 'outpatient', 0, 10, 'stepped-up');
    expect(overlaps(first, ep('e2', 'iop', 10))).toBe(false);
    expect(overlaps(first, ep('e2', 'iop', 9))).toBe(true);
    expect(overlaps(ep('e2', 'iop', 9), first)).toBe(true);
    expect(overlaps(first, ep('e2', 'iop', 3, 3, 'stepped-up'))).toBe(false);
    expect(episodeProblems([first, ep('e2', 'iop', 10)])).toEqual([]);
    expect(episodeProblems([first, ep('e2', 'iop', 9)])).toEqual([
      'The Outpatient episode from 2020-01-01 to 2020-01-11 overlaps the IOP episode from 2020-01-10 (open).',
    ]);
  });

  it('catches an end before the start, and an end date and end reason not given together', () => {
    expect(episodeProblems([ep('e1', 'iop', 10, 5, 'stepped-up')])).toEqual(['The IOP episode from 2020-01-11 to 2020-01-06 ends before it starts.']);
    const noReason: Episode = { ...ep('e1', 'iop', 0), endDate: day(5) };
    const noEnd: Episode = { ...ep('e1', 'iop', 0), endReason: 'completed' };
    expect(episodeProblems([noReason])).toEqual(['The IOP episode from 2020-01-01 to 2020-01-06 needs an end date and an end reason together.']);
    expect(episodeProblems([noEnd])).toEqual(['The IOP episode from 2020-01-01 (open) needs an end date and an end reason together.']);
  });
});

// ---- Properties: random sequences of decisions checked against a reference timeline ----

/** A decision: a transition, a correction of the most recent transition, or a correction of an already-ended episode. */
type Op = { readonly kind: 'transition' | 'correct' | 'correctEnded'; readonly level: Level; readonly offset: number; readonly pick: number };
/** The reference timeline is a stack of (level, start) boundaries with non-decreasing starts. */
type Segment = Pick<Episode, 'id' | 'level' | 'startDate'>;
type Step = {
  readonly plan: EpisodePlan;
  readonly before: readonly Episode[];
  readonly after: readonly Episode[];
  readonly model: readonly Segment[];
};

const levelArb = fc.constantFrom(...LEVELS);
const offsetArb = fc.integer({ min: 0, max: 30 });
const kindArb = fc.constantFrom<Op['kind']>('transition', 'transition', 'transition', 'transition', 'correct', 'correct', 'correctEnded'); // 4:2:1
const opArb: fc.Arbitrary<Op> = fc.record({ kind: kindArb, level: levelArb, offset: offsetArb, pick: fc.nat() });
const opsArb = fc.array(opArb, { minLength: 1, maxLength: 25 });
/** Ids that sort in creation order, so ties between same-day empty episodes are broken by creation. */
const sequentialId = (n: number): string => `e${String(n).padStart(4, '0')}`;

function fromModel(model: readonly Segment[]): Episode[] {
  return model.map((segment, i) => {
    const next = model[i + 1];
    const endReason = next ? (levelRank(next.level) > levelRank(segment.level) ? 'stepped-up' : 'stepped-down') : null;
    return { ...segment, endDate: next?.startDate ?? null, endReason, followsId: model[i - 1]?.id ?? null };
  });
}

/**
 * Runs the operations from an empty history: transitions, corrections of the most recent transition and
 * corrections of an already-ended episode. Only accepted plans are applied. Asserts after every plan that it
 * did not touch its input and that it was accepted exactly when the reference timeline accepts it.
 */
function simulate(ops: readonly Op[], idAt: (n: number) => string, onStep: (step: Step) => void): readonly Episode[] {
  let episodes: Episode[] = [];
  let model: Segment[] = [];
  let lastOpened: string | null = null;
  ops.forEach((op, n) => {
    const before = episodes;
    const snapshot = structuredClone(before);
    const date = day(op.offset);
    const top = model.at(-1);
    const previous = model.at(-2);
    let plan: EpisodePlan;
    let expected: Segment[] | null;
    let opened = lastOpened;
    if (op.kind === 'transition') {
      const id = idAt(n);
      plan = planTransition(before, op.level, date, id);
      if (top?.level === op.level) expected = model;
      else if (top && date < top.startDate) expected = null;
      else [expected, opened] = [[...model, { id, level: op.level, startDate: date }], id];
    } else if (op.kind === 'correct') {
      plan = planCorrection(before, lastOpened ?? 'never-opened', op.level, date);
      if (lastOpened === null) expected = null;
      else if (previous?.level === op.level) [expected, opened] = [model.slice(0, -1), null];
      else if (previous && date < previous.startDate) expected = null;
      else expected = [...model.slice(0, -1), { id: lastOpened, level: op.level, startDate: date }];
    } else {
      const ended = model.slice(0, -1)[op.pick % Math.max(1, model.length - 1)];
      if (!ended) return;
      plan = planCorrection(before, ended.id, op.level, date);
      expected = null;
      expect(refusalOf(plan)).toContain('already ended');
    }
    expect(before).toEqual(snapshot);
    expect(plan.ok, plan.ok ? 'accepted' : plan.message).toBe(expected !== null);
    if (plan.ok && expected) {
      episodes = applyEpisodeChanges(before, plan.changes);
      [model, lastOpened] = [expected, opened];
    }
    onStep({ plan, before, after: episodes, model });
  });
  return episodes;
}

const matchesModel = ({ after, model }: Step): void => expect(byId(after)).toEqual(byId(fromModel(model)));

/** Start order; at the same start, empty episodes first, then the open one; remaining ties by (creation-ordered) id. */
function chronological(episodes: readonly Episode[]): Episode[] {
  const endKey = (episode: Episode): string => episode.endDate ?? '9999-12-31';
  const key = (episode: Episode): string => `${episode.startDate}|${endKey(episode)}|${episode.id}`;
  return [...episodes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const runs = { numRuns: 300 };

describe('episode history properties', () => {
  it('keeps every invariant after each step, with at most one open episode; a refused plan changes nothing', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        simulate(ops, sequentialId, ({ plan, before, after }) => {
          expect(episodeProblems(after)).toEqual([]);
          expect(after.filter((episode) => episode.endDate === null)).toHaveLength(after.length === 0 ? 0 : 1);
          if (!plan.ok) {
            expect(plan.message.length).toBeGreaterThan(0);
            expect(after).toBe(before);
          }
        });
      }),
      runs,
    );
  });

  it('matches the reference timeline after each step', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        simulate(ops, sequentialId, matchesModel);
      }),
      runs,
    );
  });

  it('gives, for any day, the level of the one episode covering it (none before the first start)', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        simulate(ops, sequentialId, ({ after, model }) => {
          for (let offset = -2; offset <= 33; offset += 1) {
            const d = day(offset);
            const covering = after.filter((episode) => episode.startDate <= d && (episode.endDate === null || d < episode.endDate));
            expect(covering.length).toBeLessThanOrEqual(1);
            expect(levelOn(after, d)).toBe(covering[0]?.level ?? null);
            expect(levelOn(after, d)).toBe(model.filter((segment) => segment.startDate <= d).at(-1)?.level ?? null);
          }
        });
      }),
      runs,
    );
  });

  it('stays contiguous from the first start, every end reason following the level order', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        simulate(ops, sequentialId, ({ after }) => {
          const history = chronological(after);
          history.forEach((episode, i) => {
            const next = history[i + 1];
            if (!next) {
              expect(episode.endDate).toBeNull();
            } else {
              expect(episode.endDate).toBe(next.startDate);
              expect(next.level).not.toBe(episode.level);
              expect(episode.endReason).toBe(levelRank(next.level) > levelRank(episode.level) ? 'stepped-up' : 'stepped-down');
            }
          });
        });
      }),
      runs,
    );
  });

  it('plans transitions deterministically, and never changes anything for the current level', () => {
    fc.assert(
      fc.property(opsArb, levelArb, fc.integer({ min: -5, max: 40 }), (ops, level, offset) => {
        const history = simulate(ops, sequentialId, () => undefined);
        expect(planTransition(history, level, day(offset), 'x')).toEqual(planTransition(history, level, day(offset), 'x'));
        const current = openEpisode(history);
        if (current) expect(planTransition(history, current.level, day(offset), 'x')).toEqual({ ok: true, changes: [] });
      }),
      runs,
    );
  });

  it('does not depend on how the (random UUID) episode ids sort', () => {
    const uuidsArb = fc.uniqueArray(fc.uuid(), { minLength: 25, maxLength: 25 });
    // Dates within three days, so that several transitions often fall on the same day.
    const sameDayOps = opsArb.map((ops) => ops.map((op) => ({ ...op, offset: op.offset % 3 })));
    fc.assert(
      fc.property(sameDayOps, uuidsArb, (ops, uuids) => {
        simulate(ops, (n) => uuids[n] ?? `extra-${n}`, matchesModel);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('care events keep the invariants', () => {
  type CareOp =
    | { readonly kind: 'transition'; readonly level: Level; readonly offset: number }
    | { readonly kind: 'discharge'; readonly offset: number }
    | { readonly kind: 'correct'; readonly pick: number; readonly startShift: number; readonly endShift: number };
  const careOpArb: fc.Arbitrary<CareOp> = fc.oneof(
    fc.record({ kind: fc.constant('transition' as const), level: fc.constantFrom(...LEVELS), offset: fc.integer({ min: 0, max: 60 }) }),
    fc.record({ kind: fc.constant('discharge' as const), offset: fc.integer({ min: 0, max: 60 }) }),
    fc.record({
      kind: fc.constant('correct' as const),
      pick: fc.nat(),
      startShift: fc.integer({ min: -10, max: 10 }),
      endShift: fc.integer({ min: -10, max: 10 }),
    }),
  );

  it('discharges, readmissions and date corrections never break an invariant; refused plans change nothing', () => {
    fc.assert(
      fc.property(fc.array(careOpArb, { minLength: 1, maxLength: 30 }), (ops) => {
        let history: Episode[] = [];
        let next = 0;
        for (const op of ops) {
          let plan: EpisodePlan;
          if (op.kind === 'transition') plan = planTransition(history, op.level, day(op.offset), `c${(next += 1)}`);
          else if (op.kind === 'discharge') plan = planDischarge(history, day(op.offset), 'completed');
          else {
            const target = history[op.pick % Math.max(history.length, 1)];
            if (!target) continue;
            const startDate = addDays(target.startDate, op.startShift);
            const endDate = target.endDate === null ? undefined : addDays(target.endDate, op.endShift);
            plan = planDateCorrection(history, target.id, { startDate, endDate });
          }
          const before = JSON.stringify(history);
          if (!plan.ok) {
            expect(plan.message.length).toBeGreaterThan(10);
            expect(JSON.stringify(history)).toBe(before);
            continue;
          }
          history = applyEpisodeChanges(history, plan.changes);
          expect(episodeProblems(history)).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a date correction moves the touching neighbour with it, so no gap opens', () => {
    const history = apply([ep('e1', 'inpatient', 0)], planTransition([ep('e1', 'inpatient', 0)], 'iop', day(10), 'e2'));
    const corrected = apply(history, planDateCorrection(history, 'e2', { startDate: day(8) }));
    expect(corrected.map((episode) => [episode.id, episode.startDate, episode.endDate])).toEqual([
      ['e1', day(0), day(8)],
      ['e2', day(8), null],
    ]);
    expect(refusalOf(planDateCorrection(history, 'e2', { startDate: day(-3) }))).toMatch(/Inpatient episode from 2020-01-01/);
    expect(refusalOf(planDateCorrection(history, 'e2', { endDate: day(20) }))).toMatch(/still open/);
  });

  it('a discharge closes the open episode on or after its start', () => {
    expect(changesOf(planDischarge([ep('e1', 'iop', 5)], day(9), 'dropped-out'))).toEqual([
      { kind: 'update', episode: ep('e1', 'iop', 5, 9, 'dropped-out') },
    ]);
    expect(refusalOf(planDischarge([ep('e1', 'iop', 5)], day(4), 'completed'))).toMatch(/before the current IOP episode/);
    expect(refusalOf(planDischarge([ep('e1', 'iop', 5, 9, 'completed')], day(10), 'completed'))).toMatch(/no open episode/);
  });
});
