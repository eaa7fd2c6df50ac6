import { sql, type Kysely } from 'kysely';
import type { EpisodeEndReason } from '../../shared/domain/episodes';
import { levelRank, type Level } from '../../shared/domain/levels';
import { EpisodeTableBuilder, metricReason, type DecisionTally, type EpisodeTable } from '../../shared/metrics';
import type { StepwiseSchema } from '../db/schema';
import { visitEverySpan } from './spanBlocks';

type Db = Kysely<StepwiseSchema>;

/** The codes episode_spans stores (migration 10), by code: level 0 is outpatient, end reason 7 is died. */
export const SPAN_LEVELS = ['outpatient', 'iop', 'inpatient'] as const satisfies readonly Level[];
export const SPAN_END_REASONS = [
  'stepped-up',
  'stepped-down',
  'completed',
  'transferred',
  'dropped-out',
  'administrative-discharge',
  'incarcerated',
  'died',
  'other',
] as const satisfies readonly EpisodeEndReason[];
// Fails to compile when an end reason is added without a code (and a migration that writes it).
const everyReasonCoded: Exclude<EpisodeEndReason, (typeof SPAN_END_REASONS)[number]> extends never ? true : never = true;
void everyReasonCoded;

const RANK_OF_LEVEL = Uint8Array.from(SPAN_LEVELS, levelRank);
const METRIC_REASON_OF_END_REASON = Uint8Array.from(SPAN_END_REASONS, metricReason);
const METRIC_REASON_OF_OPEN = metricReason(null);

/** The report's narrowing to the cases currently assigned to a clinician, or in a program. */
export interface CaseFilter {
  readonly clinicianId?: string;
  readonly program?: string;
}

function isNarrowed(filter: CaseFilter): boolean {
  return filter.clinicianId !== undefined || filter.program !== undefined;
}

function casesMatching(db: Db, filter: CaseFilter) {
  let query = db.selectFrom('cases').select('cases.id');
  if (filter.clinicianId !== undefined) query = query.where('cases.clinician_id', '=', filter.clinicianId);
  if (filter.program !== undefined) query = query.where('cases.program', '=', filter.program);
  return query;
}

/** The case numbers of the cases the filter keeps: a small query, so the spans need no join. */
async function caseNumbersMatching(db: Db, filter: CaseFilter): Promise<ReadonlySet<number>> {
  const rows = await db.selectFrom('case_numbers').select('case_no').where('case_id', 'in', casesMatching(db, filter)).execute();
  return new Set(rows.map((row) => row.case_no));
}

/**
 * The episodes overlapping the days from `fromDay` to `toDay` (day numbers, both included; an open episode runs on
 * forever), of the cases the filter keeps, as a metrics table. Read from the spans packed in blocks (migration 14),
 * each span copied straight into the table's typed columns; run in one read transaction, as the report's job does.
 */
export async function readEpisodeSpans(
  db: Db,
  range: { readonly fromDay: number; readonly toDay: number },
  filter: CaseFilter,
  /** Told after each block how far the reading has got: the span number reached, of the last one. */
  onPage?: (reached: number, last: number) => void,
): Promise<EpisodeTable> {
  const kept = isNarrowed(filter) ? await caseNumbersMatching(db, filter) : null;
  const last = onPage ? await lastSpanNumber(db) : 0;
  const builder = new EpisodeTableBuilder();
  const [ranks, reasons, openReason] = [RANK_OF_LEVEL, METRIC_REASON_OF_END_REASON, METRIC_REASON_OF_OPEN];
  const { fromDay, toDay } = range;
  await visitEverySpan(
    db,
    (caseNo, startDay, endDay, level, reason) => {
      if (startDay > toDay || (endDay !== null && endDay < fromDay)) return;
      if (kept !== null && !kept.has(caseNo)) return;
      builder.add(caseNo, ranks[level] as number, startDay, endDay, reason === null ? openReason : (reasons[reason] as number));
    },
    onPage ? (reached) => onPage(Math.min(reached, last), last) : undefined,
  );
  return builder.build();
}

/** The highest span number: where a reading in span order ends (one step down the rowid's b-tree). */
async function lastSpanNumber(db: Db): Promise<number> {
  const row = await db
    .selectFrom('episode_spans')
    .select((eb) => eb.fn.max('span_no').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * The decisions in effect (approved, not superseded) with an effective date in the range, of the cases the filter
 * keeps, counted by what concordance and variances read. Hand-written, to read only the partial index
 * decisions_in_effect, which holds all of it: the status must be a literal (a bound value cannot match the index's
 * WHERE), and INDEXED BY because the averaged statistics steer the planner to decisions_by_author, then to every
 * decision's row (0.8 s instead of 0.05 s at 100,000 cases).
 */
export async function tallyDecisionsInEffect(
  db: Db,
  range: { readonly from: string; readonly to: string },
  filter: CaseFilter,
): Promise<DecisionTally[]> {
  const ofCases = isNarrowed(filter) ? sql`AND case_id IN (${casesMatching(db, filter)})` : sql``;
  const { rows } = await sql<{ recommended_level: Level | null; chosen_level: Level; variance_reason: string | null; count: number }>`
    SELECT recommended_level, chosen_level, variance_reason, count(*) AS count FROM decisions INDEXED BY decisions_in_effect
    WHERE status = 'approved' AND superseded_by_id IS NULL AND effective_date BETWEEN ${range.from} AND ${range.to} ${ofCases}
    GROUP BY recommended_level, chosen_level, variance_reason
  `.execute(db);
  return rows.map((row) => ({
    decision: {
      recommendedLevel: row.recommended_level,
      chosenLevel: row.chosen_level,
      status: 'approved',
      supersededById: null,
      varianceReason: row.variance_reason,
    },
    count: row.count,
  }));
}

/** Every program found in the cases, for the report's filter. */
export async function listPrograms(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('cases').select('program').distinct().where('program', 'is not', null).orderBy('program').execute();
  return rows.flatMap((row) => (row.program === null ? [] : [row.program]));
}
