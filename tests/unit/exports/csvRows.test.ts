import { describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { CaseSummary } from '../../../shared/contract/cases';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import {
  ASSESSMENT_CSV_COLUMNS,
  ASSESSMENT_CSV_IMPORT_COLUMNS,
  ASSESSMENT_CSV_INTERCHANGE_PATHS,
  CASE_CSV_COLUMNS,
  DECISION_CSV_COLUMNS,
  EPISODE_CSV_COLUMNS,
} from '../../../shared/domain/csvColumns';
import { reviewsOf } from '../../../shared/domain/decisionReviews';
import { assessmentCsvRecord, caseCsvRecord, decisionCsvRecord, episodeCsvRecord } from '../../../shared/exports/csvRows';
import { CRITERIA, DIMENSIONS } from '../../../shared/rules/assessment';
import { evaluateAssessment } from '../../../shared/rules/evaluate';
import { recommendationSchema } from '../../../shared/rules/recommendation';
import { currentRuleset } from '../../../shared/rules/registry';
import { makeAssessment } from '../rules/assessmentFactory';

const SAM = { id: 'user-sam', displayName: 'Sam Okafor' };
const DANA = { id: 'user-dana', displayName: 'Dana Reyes' };

const summary: CaseSummary = {
  id: 'case-1',
  mrn: 'A-17',
  fullName: 'Zoë "Zo" Ångström, Jr.',
  dateOfBirth: '1980-02-29',
  clinician: DANA,
  program: 'Harbor IOP',
  payer: null,
  status: 'active',
  level: 'iop',
  levelSince: '2026-10-01',
  recommendedLevel: 'outpatient',
  mismatch: true,
  decisionStatus: 'submitted',
  plannedLevel: null,
  plannedOn: null,
  nextReviewDue: '2026-10-31',
  reviewOverdue: true,
  iopHoursLastWeek: null,
  iopBelowIntensity: false,
  authorizationFlag: null,
  authorizationEndsOn: null,
  synthetic: false,
  createdAt: '2026-09-01T10:00:00.000Z',
  updatedAt: '2026-10-01T10:00:00.000Z',
};

const keysOf = (record: object) => Object.keys(record).sort();

describe('column lists', () => {
  it('are lower-case snake_case names, criteria by their interchange name, without duplicates', () => {
    for (const columns of [CASE_CSV_COLUMNS, ASSESSMENT_CSV_COLUMNS, DECISION_CSV_COLUMNS, EPISODE_CSV_COLUMNS]) {
      expect(new Set(columns).size).toBe(columns.length);
      for (const column of columns) expect(column).toMatch((CRITERIA as readonly string[]).includes(column) ? /^[a-z][A-Za-z0-9]+$/ : /^[a-z0-9_]+$/);
    }
  });

  it('map every importable assessment column but the MRN and the note to its interchange field', () => {
    const mapped = Object.keys(ASSESSMENT_CSV_INTERCHANGE_PATHS);
    expect(mapped.sort()).toEqual(ASSESSMENT_CSV_IMPORT_COLUMNS.filter((column) => column !== 'mrn' && column !== 'note').sort());
    expect(ASSESSMENT_CSV_INTERCHANGE_PATHS.withdrawal).toBe('dimensions.withdrawal');
    expect(ASSESSMENT_CSV_INTERCHANGE_PATHS.selfMotivated).toBe('criteria.selfMotivated');
  });
});

describe('a case row', () => {
  it('holds every column: the person, the clinician by username and name, levels as words', () => {
    const record = caseCsvRecord(summary, 'dana');
    expect(keysOf(record)).toEqual([...CASE_CSV_COLUMNS].sort());
    expect(record).toMatchObject({
      mrn: 'A-17',
      name: 'Zoë "Zo" Ångström, Jr.',
      date_of_birth: '1980-02-29',
      clinician_username: 'dana',
      clinician_name: 'Dana Reyes',
      payer: null,
      current_level: 'iop',
      recommended_level: 'outpatient',
      decision_status: 'submitted',
    });
  });
});

describe('an assessment row', () => {
  const assessment = makeAssessment({
    id: 'internal',
    assessedOn: '2026-10-02',
    currentLevel: 'iop',
    unknown: ['dimensions.relapse', 'criteria.selfMotivated'],
  });
  const record: AssessmentRecord = {
    id: 'a2',
    caseId: 'case-1',
    assessedOn: '2026-10-02',
    assessment,
    recommendation: recommendationSchema.parse(evaluateAssessment(assessment, currentRuleset)),
    assessor: DANA,
    note: '=IMPORTXML(…)',
    amendsId: 'a1',
    amendedById: null,
    locked: false,
    createdAt: '2026-10-02T09:00:00.000Z',
  };
  const ids = new Map([
    ['a1', 'A-17#2026-10-02'],
    ['a2', 'A-17#2026-10-02#2'],
  ]);

  it('has a column per rating and criterion, unknown answers empty, and the recommendation beside them', () => {
    const row = assessmentCsvRecord('A-17', record, ids);
    expect(keysOf(row)).toEqual([...ASSESSMENT_CSV_COLUMNS].sort());
    for (const name of DIMENSIONS) expect(row[name]).toBe(name === 'relapse' ? undefined : assessment.dimensions?.[name]);
    for (const name of CRITERIA) expect(row[name]).toBe(name === 'selfMotivated' ? undefined : assessment.criteria?.[name]);
    expect(row).toMatchObject({
      mrn: 'A-17',
      current_level: 'iop',
      severity: 'mild',
      assessment_id: 'A-17#2026-10-02#2',
      amends_assessment_id: 'A-17#2026-10-02',
      recommended_level: null,
      missing: 'dimensions.relapse; criteria.selfMotivated',
      ruleset_version: currentRuleset.version,
      assessed_by: 'Dana Reyes',
      note: '=IMPORTXML(…)',
    });
  });
});

describe('a decision row', () => {
  const decision: DecisionRecord = {
    id: 'd2',
    caseId: 'case-1',
    assessmentId: 'a2',
    recommendedLevel: 'outpatient',
    rulesetVersion: '2026.1',
    chosenLevel: 'iop',
    effectiveDate: '2026-10-05',
    status: 'approved',
    varianceReason: 'payer-authorization',
    varianceText: 'Payer approved IOP, "not" outpatient,\nfor 30 days',
    author: DANA,
    reviewer: SAM,
    reviewComment: 'Fine now.',
    supersedesId: 'd1',
    supersededById: null,
    appliedAt: '2026-10-05T00:00:00.000Z',
    applyProblem: null,
    createdAt: '2026-10-03T09:00:00.000Z',
    submittedAt: '2026-10-03T09:05:00.000Z',
    reviewedAt: '2026-10-04T10:00:00.000Z',
    reviews: [
      { reviewer: SAM, outcome: 'returned', comment: 'Say which payer.', reviewedAt: '2026-10-03T12:00:00.000Z' },
      { reviewer: SAM, outcome: 'approved', comment: 'Fine now.', reviewedAt: '2026-10-04T10:00:00.000Z' },
    ],
  };

  it('shows the variance, the latest review and the whole review history', () => {
    const row = decisionCsvRecord('A-17', decision, {
      assessment: { exportId: 'A-17#2026-10-02#2', assessedOn: '2026-10-02' },
      correctsEffectiveDate: '2026-10-01',
    });
    expect(keysOf(row)).toEqual([...DECISION_CSV_COLUMNS].sort());
    expect(row).toMatchObject({
      assessment_id: 'A-17#2026-10-02#2',
      recommended_level: 'outpatient',
      chosen_level: 'iop',
      variance: true,
      variance_reason: 'payer-authorization',
      review_outcome: 'approved',
      reviewed_by: 'Sam Okafor',
      review_comment: 'Fine now.',
      review_history: '2026-10-03T12:00:00.000Z returned by Sam Okafor: Say which payer.\n2026-10-04T10:00:00.000Z approved by Sam Okafor: Fine now.',
      corrects_decision_effective: '2026-10-01',
      superseded: false,
    });
  });

  it('reads a decision from before review history was kept as its one review', () => {
    expect(reviewsOf({ ...decision, reviews: [] })).toEqual([
      { reviewer: SAM, outcome: 'approved', comment: 'Fine now.', reviewedAt: '2026-10-04T10:00:00.000Z' },
    ]);
    expect(reviewsOf({ ...decision, reviews: [], reviewer: null })).toEqual([]);
  });

  it('marks a decision at the recommended level as no variance', () => {
    expect(
      decisionCsvRecord('A-17', { ...decision, chosenLevel: 'outpatient' }, { assessment: undefined, correctsEffectiveDate: undefined }).variance,
    ).toBe(false);
  });
});

describe('an episode row', () => {
  it('has the dates, the end reason and the length in days, empty while open', () => {
    const base = { id: 'e', level: 'inpatient' as const, openedByDecisionId: null, followsId: null };
    expect(episodeCsvRecord('A-17', { ...base, startDate: '2026-01-30', endDate: '2026-03-01', endReason: 'stepped-down' })).toEqual({
      mrn: 'A-17',
      level: 'inpatient',
      started_on: '2026-01-30',
      ended_on: '2026-03-01',
      end_reason: 'stepped-down',
      days: 30,
    });
    expect(episodeCsvRecord('A-17', { ...base, startDate: '2026-03-01', endDate: null, endReason: null })).toMatchObject({
      ended_on: null,
      days: null,
    });
  });
});
