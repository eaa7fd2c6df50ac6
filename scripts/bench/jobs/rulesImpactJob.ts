import { openDatabase } from '../../../electron/db/openDatabase';
import { reviewRulesImpact } from '../../../electron/services/rulesService';
import type { Level } from '../../../shared/domain/levels';
import { assessmentSchemaV1, type Assessment } from '../../../shared/rules/assessment';
import { evaluateAssessment } from '../../../shared/rules/evaluate';
import { rulesImpact } from '../../../shared/rules/impact';
import { recommendationSchema } from '../../../shared/rules/recommendation';
import { currentRuleset, CURRENT_RULESET_VERSION } from '../../../shared/rules/registry';
import type { Job } from '../job';
import { markAppPeak, measure, timed, timedWithBlocking } from '../measure';

/**
 * The rules impact review over every stored assessment under the current ruleset, as the Rules screen asks for it,
 * against a loop on the raw connection that reads each stored assessment and its stored level, evaluates it and
 * keeps the ones whose level would change. Then the service's work in its parts, to show where the time goes.
 */
export const rulesImpactJob: Job = async ({ request, key }) => {
  const database = openDatabase({ file: request.file, key });
  try {
    const service = await timedWithBlocking(() => reviewRulesImpact({ db: database.db }, CURRENT_RULESET_VERSION));
    markAppPeak();

    const raw = await timed(() => {
      const changed: string[] = [];
      let evaluated = 0;
      const rows = database.sqlite.prepare('SELECT id, payload, recommended_level FROM assessments').raw().iterate() as IterableIterator<
        [string, string, Level | null]
      >;
      for (const [id, payload, storedLevel] of rows) {
        evaluated += 1;
        if (evaluateAssessment(JSON.parse(payload) as Assessment, currentRuleset).level !== storedLevel) changed.push(id);
      }
      return { evaluated, changed: changed.length };
    });

    // The service's parts, each timed alone on the same rows: the read, JSON.parse, zod, then the replay itself.
    const read = await timed(() =>
      database.db
        .selectFrom('assessments')
        .innerJoin('cases', 'cases.id', 'assessments.case_id')
        .select([
          'assessments.id',
          'assessments.case_id',
          'cases.mrn',
          'cases.full_name',
          'assessments.assessed_on',
          'assessments.payload',
          'assessments.recommendation',
        ])
        .orderBy('assessments.assessed_on')
        .orderBy('assessments.id')
        .execute(),
    );
    const parsed = await timed(() =>
      read.value.map((row) => ({
        id: row.id,
        payload: JSON.parse(row.payload) as unknown,
        recommendation: JSON.parse(row.recommendation) as unknown,
      })),
    );
    const validated = await timed(() =>
      parsed.value.map((row) => ({
        caseId: row.id,
        assessment: assessmentSchemaV1.parse(row.payload),
        storedOutput: recommendationSchema.parse(row.recommendation),
      })),
    );
    const evaluated = await timed(() => rulesImpact(validated.value, CURRENT_RULESET_VERSION));
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
          baselineChanges: raw.value.changed,
          longestEventLoopBlockMs: Math.round(service.longestBlockMs),
          parts: {
            readRowsMs: Math.round(read.ms),
            jsonParseMs: Math.round(parsed.ms),
            zodValidateMs: Math.round(validated.ms),
            evaluateAndCompareMs: Math.round(evaluated.ms),
          },
        },
      }),
    ];
  } finally {
    database.close();
  }
};
