import type { SaveAssessmentInput } from '../../../../shared/contract/assessments';
import { iopHoursInSevenDaysTo, type AttendanceSession, type RecentIopHours } from '../../../../shared/domain/attendance';
import { isIsoDate, type IsoDate } from '../../../../shared/domain/dates';
import type { Episode } from '../../../../shared/domain/episodes';
import {
  assessmentSchemaV1,
  CRITERIA,
  DIMENSIONS,
  MAX_RATING,
  MAX_WEEKLY_TREATMENT_HOURS,
  MIN_RATING,
  SEVERITIES,
  type Assessment,
  type Criteria,
  type CriterionName,
  type CurrentLevel,
  type DimensionName,
  type Dimensions,
  type Severity,
} from '../../../../shared/rules';

export const UNKNOWN = 'unknown';
export const RATING_VALUES = ['0', '1', '2', '3', '4'] as const;
export type RatingChoice = (typeof RATING_VALUES)[number] | typeof UNKNOWN;
export type Answer = 'yes' | 'no' | typeof UNKNOWN;
export type SeverityChoice = Severity | typeof UNKNOWN;
export const SEVERITY_CHOICES: readonly SeverityChoice[] = [...SEVERITIES, UNKNOWN];

/** What the form holds while the clinician fills it in: every answer may still be unknown. */
export interface AssessmentDraft {
  readonly assessedOn: string;
  readonly severity: SeverityChoice;
  readonly dimensions: Readonly<Record<DimensionName, RatingChoice>>;
  readonly criteria: Readonly<Record<CriterionName, Answer>>;
  readonly weeklyTreatmentHours: string;
  readonly note: string;
}

export const NOTE_MAX_LENGTH = 500;
const PREVIEW_ID = 'preview';

export function emptyDraft(today: IsoDate): AssessmentDraft {
  return {
    assessedOn: today,
    severity: UNKNOWN,
    dimensions: Object.fromEntries(DIMENSIONS.map((name) => [name, UNKNOWN])) as Record<DimensionName, RatingChoice>,
    criteria: Object.fromEntries(CRITERIA.map((name) => [name, UNKNOWN])) as Record<CriterionName, Answer>,
    weeklyTreatmentHours: '',
    note: '',
  };
}

/** What the case's attendance says for an assessment on this date: null when it says nothing (see iopHoursInSevenDaysTo). */
export function attendanceFor(sessions: readonly AttendanceSession[], episodes: readonly Episode[], assessedOn: string): RecentIopHours | null {
  return isIsoDate(assessedOn) ? iopHoursInSevenDaysTo(sessions, episodes, assessedOn) : null;
}

/** The hours field as pre-filled from attendance: empty when attendance says nothing. */
export function attendanceHoursText(recent: RecentIopHours | null): string {
  return recent === null ? '' : String(recent.hours);
}

/** A new assessment starts from the hours attended at IOP, so the rules' intensity warning reads the recorded sessions. */
export function newDraft(today: IsoDate, recent: RecentIopHours | null): AssessmentDraft {
  return { ...emptyDraft(today), weeklyTreatmentHours: attendanceHoursText(recent) };
}

/** On a new assessment date, hours still as pre-filled follow the attendance for that date; hours the clinician typed stay. */
export function hoursForNewDate(hoursText: string, before: RecentIopHours | null, after: RecentIopHours | null): string {
  return hoursText === attendanceHoursText(before) ? attendanceHoursText(after) : hoursText;
}

/** The hours in the field are the attendance figure (however written: "7.5" or "7.50"). */
export function hoursMatchAttendance(hoursText: string, recent: RecentIopHours): boolean {
  const hours = parsedHours(hoursText);
  return hours === recent.hours;
}

/** Starts an amendment from the assessment it amends, so only what changed needs touching. */
export function draftFromAssessment(assessment: Assessment, note: string | null): AssessmentDraft {
  const dimensions = assessment.dimensions ?? {};
  const criteria = assessment.criteria ?? {};
  return {
    assessedOn: assessment.assessedOn,
    severity: assessment.severity ?? UNKNOWN,
    dimensions: Object.fromEntries(DIMENSIONS.map((name) => [name, ratingChoice(dimensions[name])])) as Record<DimensionName, RatingChoice>,
    criteria: Object.fromEntries(CRITERIA.map((name) => [name, answerOf(criteria[name])])) as Record<CriterionName, Answer>,
    weeklyTreatmentHours: assessment.weeklyTreatmentHours === undefined ? '' : String(assessment.weeklyTreatmentHours),
    note: note ?? '',
  };
}

function ratingChoice(rating: number | undefined): RatingChoice {
  return rating === undefined
    ? UNKNOWN
    : (((RATING_VALUES as readonly string[]).includes(String(rating)) ? String(rating) : UNKNOWN) as RatingChoice);
}

function answerOf(value: boolean | undefined): Answer {
  return value === undefined ? UNKNOWN : value ? 'yes' : 'no';
}

/** The rules read last week's treatment hours only for people already in IOP or outpatient care. */
export function hoursApply(currentLevel: CurrentLevel): boolean {
  return currentLevel === 'iop' || currentLevel === 'outpatient';
}

function parsedHours(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const hours = Number(trimmed);
  return Number.isFinite(hours) ? hours : Number.NaN;
}

function knownDimensions(draft: AssessmentDraft): Dimensions {
  const dimensions: Record<string, number> = {};
  for (const name of DIMENSIONS) {
    const choice = draft.dimensions[name];
    if (choice !== UNKNOWN) dimensions[name] = Number(choice);
  }
  return dimensions;
}

function knownCriteria(draft: AssessmentDraft): Criteria {
  const criteria: Record<string, boolean> = {};
  for (const name of CRITERIA) {
    const answer = draft.criteria[name];
    if (answer !== UNKNOWN) criteria[name] = answer === 'yes';
  }
  return criteria;
}

/** The draft as the rules see it, for the live preview; unknown answers are left out, never guessed. */
export function previewAssessment(draft: AssessmentDraft, currentLevel: CurrentLevel): Assessment {
  const hours = hoursApply(currentLevel) ? parsedHours(draft.weeklyTreatmentHours) : undefined;
  return {
    id: PREVIEW_ID,
    assessedOn: draft.assessedOn,
    currentLevel,
    ...(draft.severity === UNKNOWN ? {} : { severity: draft.severity }),
    dimensions: knownDimensions(draft),
    criteria: knownCriteria(draft),
    ...(hours === undefined || Number.isNaN(hours) || hours < 0 || hours > MAX_WEEKLY_TREATMENT_HOURS ? {} : { weeklyTreatmentHours: hours }),
  };
}

/** What `assessments.save` receives: the main process derives the current level and recomputes the recommendation. */
export function saveInput(draft: AssessmentDraft, caseId: string, currentLevel: CurrentLevel, amendsId: string | undefined): SaveAssessmentInput {
  const hours = hoursApply(currentLevel) ? parsedHours(draft.weeklyTreatmentHours) : undefined;
  return {
    caseId,
    assessedOn: draft.assessedOn,
    ...(draft.severity === UNKNOWN ? {} : { severity: draft.severity }),
    dimensions: knownDimensions(draft),
    criteria: knownCriteria(draft),
    ...(hours === undefined ? {} : { weeklyTreatmentHours: hours }),
    note: draft.note,
    ...(amendsId ? { amendsId } : {}),
  };
}

/** Problems the form can see before asking the main process, by field path; the main process checks again. */
export function draftProblems(draft: AssessmentDraft, today: IsoDate, currentLevel: CurrentLevel): Record<string, string> {
  const problems: Record<string, string> = {};
  const date = assessmentSchemaV1.shape.assessedOn.safeParse(draft.assessedOn === '' ? undefined : draft.assessedOn);
  if (!date.success) problems.assessedOn = date.error.issues[0]?.message ?? 'Enter the assessment date.';
  else if (date.data > today) problems.assessedOn = 'The assessment date is in the future.';
  for (const name of DIMENSIONS) {
    const choice = draft.dimensions[name];
    if (choice !== UNKNOWN && (Number(choice) < MIN_RATING || Number(choice) > MAX_RATING)) {
      problems[`dimensions.${name}`] = `Choose a rating from ${MIN_RATING} to ${MAX_RATING}, or unknown.`;
    }
  }
  const hours = hoursApply(currentLevel) ? parsedHours(draft.weeklyTreatmentHours) : undefined;
  if (hours !== undefined && (Number.isNaN(hours) || hours < 0 || hours > MAX_WEEKLY_TREATMENT_HOURS)) {
    problems.weeklyTreatmentHours = `The weekly treatment hours must be a number from 0 to ${MAX_WEEKLY_TREATMENT_HOURS}; leave it empty if unknown.`;
  }
  if (draft.note.trim().length > NOTE_MAX_LENGTH) problems.note = `The note can be at most ${NOTE_MAX_LENGTH} characters.`;
  return problems;
}

/** Every field path the form shows, for placing messages from the main process beside their field. */
export const ASSESSMENT_FORM_FIELDS: readonly string[] = [
  'assessedOn',
  'severity',
  ...DIMENSIONS.map((name) => `dimensions.${name}`),
  ...CRITERIA.map((name) => `criteria.${name}`),
  'weeklyTreatmentHours',
  'note',
];
