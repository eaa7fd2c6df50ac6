import { openDatabase } from '../../../electron/db/openDatabase';
import { replayKeyGroups } from '../../../electron/repositories/assessmentsRepository';
import { reviewRulesImpact } from '../../../electron/services/rulesService';
import type { Level } from '../../../shared/domain/levels';
import type { Assessment } from '../../../shared/rules/assessment';
import { evaluateAssessment, recommendLevel } from '../../../shared/rules/evaluate';
import { currentRuleset, CURRENT_RULESET_VERSION } from '../../../shared/rules/registry';
import { decodeReplayKey } from '../../../shared/rules/replayKey';
import type { Job } from '../job';
import { markAppPeak, measure, timed, timedWithBlocking } from '../measure';

/** What each figure reads, printed with it. */
const READS = {
  value:
    'reviewRulesImpact: assessment_rules_inputs counted per replay key in SQLite (Kysely, paged), each distinct key replayed once; full rows only for keys whose level changes',
  baseline:
    'raw better-sqlite3: the same count per replay key (iterate), decoded and replayed by hand with the interpreter; full rows only for keys whose level changes',
  rowLoop: 'raw better-sqlite3: every row of assessment_rules_inputs (iterate), each distinct key replayed once in JavaScript',
  payloadLoop:
    'raw better-sqlite3: every payload of assessments (iterate), JSON.parse and the interpreter, as the service read before assessment_rules_inputs',
};

/**
 * The rules impact review over every stored assessment under the current ruleset, as the Rules screen asks for it,
 * against the best raw better-sqlite3 does on the same data: the replay keys counted in SQL and replayed by hand.
 * Then a loop over every key row, the old loop over every payload, and the service's read and replay timed apart.
 */
export const rulesImpactJob: Job = async ({ request, key }) => {
  const database = openDatabase({ file: request.file, key });
  try {
    const service = await timedWithBlocking(() => reviewRulesImpact({ db: database.db }, CURRENT_RULESET_VERSION));
    markAppPeak();

    // On a connection of its own, so it reads the keys from an empty page cache as the service did (a job's worker
    // opens a new connection every time).
    const rawDatabase = openDatabase({ file: request.file, key });
    const raw = await timed(() => {
      const sqlite = rawDatabase.sqlite;
      const fullRows = sqlite.prepare(
        `SELECT a.payload, a.recommended_level FROM assessment_rules_inputs k JOIN assessments a ON a.id = k.assessment_id WHERE k.replay_key = ?`,
      );
      let evaluated = 0;
      const replayInFull: string[] = [];
      const groups = sqlite
        .prepare('SELECT replay_key, count(*) FROM assessment_rules_inputs GROUP BY replay_key')
        .raw()
        .iterate() as IterableIterator<[string, number]>;
      for (const [replayKey, assessments] of groups) {
        evaluated += assessments;
        const input = decodeReplayKey(replayKey);
        if (input === null || recommendLevel(input.assessment, currentRuleset) !== input.storedLevel) replayInFull.push(replayKey);
      }
      let changes = 0;
      for (const replayKey of replayInFull) {
        for (const [payload, storedLevel] of fullRows.raw().all(replayKey) as [string, Level | null][]) {
          if (evaluateAssessment(JSON.parse(payload) as Assessment, currentRuleset).level !== storedLevel) changes += 1;
        }
      }
      return { evaluated, changes };
    }).finally(() => rawDatabase.close());

    const rowLoop = await timed(() => {
      const changedByKey = new Map<string, boolean>();
      let evaluated = 0;
      for (const replayKey of database.sqlite
        .prepare('SELECT replay_key FROM assessment_rules_inputs')
        .pluck()
        .iterate() as IterableIterator<string>) {
        evaluated += 1;
        if (changedByKey.has(replayKey)) continue;
        const input = decodeReplayKey(replayKey);
        changedByKey.set(replayKey, input === null || recommendLevel(input.assessment, currentRuleset) !== input.storedLevel);
      }
      return { evaluated, keys: changedByKey.size };
    });

    const payloadLoop = await timed(() => {
      let changes = 0;
      const rows = database.sqlite.prepare('SELECT payload, recommended_level FROM assessments').raw().iterate() as IterableIterator<
        [string, Level | null]
      >;
      for (const [payload, storedLevel] of rows) {
        if (evaluateAssessment(JSON.parse(payload) as Assessment, currentRuleset).level !== storedLevel) changes += 1;
      }
      return changes;
    });

    // The service's two parts, each timed alone: reading the counts per key, then replaying each distinct key.
    const read = await timed(async () => {
      const groups: { replayKey: string; assessments: number }[] = [];
      for await (const page of replayKeyGroups(database.db)) groups.push(...page);
      return groups;
    });
    const replayed = await timed(() => {
      let changed = 0;
      for (const group of read.value) {
        const input = decodeReplayKey(group.replayKey);
        if (input === null || recommendLevel(input.assessment, currentRuleset) !== input.storedLevel) changed += group.assessments;
      }
      return changed;
    });
    return [
      measure(request.cases, {
        name: 'rules.impact',
        value: service.ms,
        unit: 'ms',
        baseline: raw.ms,
        bound: { below: 1000 },
        detail: {
          evaluated: service.value.evaluated,
          changes: service.value.changes.length,
          baselineEvaluated: raw.value.evaluated,
          baselineChanges: raw.value.changes,
          replayKeys: read.value.length,
          replayedInFull: replayed.value,
          longestEventLoopBlockMs: Math.round(service.longestBlockMs),
          reads: READS,
          rowLoopMs: Math.round(rowLoop.ms),
          payloadLoopMs: Math.round(payloadLoop.ms),
          payloadLoopChanges: payloadLoop.value,
          parts: { readKeyCountsMs: Math.round(read.ms), replayKeysMs: Math.round(replayed.ms) },
        },
      }),
    ];
  } finally {
    database.close();
  }
};
