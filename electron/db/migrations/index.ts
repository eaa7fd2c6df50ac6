import { migration001Cases } from './001_cases';
import { migration002Assessments } from './002_assessments';
import { migration003UsersEpisodesDecisions } from './003_users_episodes_decisions';
import { migration004CareEventsReviewsAttendance } from './004_care_events_reviews_attendance';
import { migration005AuditDisclosuresEmergency } from './005_audit_disclosures_emergency';
import { migration006Backups } from './006_backups';
import { migration007Retro } from './007_retro';
import { migration008Packets } from './008_packets';
import { migration009CaseloadIndexesCaseNames } from './009_caseload_indexes_case_names';
import { migration010EpisodeSpans } from './010_episode_spans';
import { migration011AssessmentRulesInputs } from './011_assessment_rules_inputs';
import { migration012NarrowCaseloadIndexes } from './012_narrow_caseload_indexes';
import { migration013CaseFlagSpans } from './013_case_flag_spans';
import { migration014SpanBlocks } from './014_span_blocks';
import { migration015MismatchUndecidedIndex } from './015_mismatch_undecided_index';
import { migration016CaseNumbersActive } from './016_case_numbers_active';
import { migration017PlacedCasesIndex } from './017_placed_cases_index';
import { migration018FlagSpansByStart } from './018_flag_spans_by_start';
import type { Migration } from './types';

/** Every schema version in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Cases,
  migration002Assessments,
  migration003UsersEpisodesDecisions,
  migration004CareEventsReviewsAttendance,
  migration005AuditDisclosuresEmergency,
  migration006Backups,
  migration007Retro,
  migration008Packets,
  migration009CaseloadIndexesCaseNames,
  migration010EpisodeSpans,
  migration011AssessmentRulesInputs,
  migration012NarrowCaseloadIndexes,
  migration013CaseFlagSpans,
  migration014SpanBlocks,
  migration015MismatchUndecidedIndex,
  migration016CaseNumbersActive,
  migration017PlacedCasesIndex,
  migration018FlagSpansByStart,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export type { Migration } from './types';
