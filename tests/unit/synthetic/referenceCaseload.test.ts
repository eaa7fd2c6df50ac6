import { describe, expect, it } from 'vitest';
import { createCaseInputSchema } from '../../../shared/contract/cases';
import { MRN_PATTERN, SYNTHETIC_MRN_PREFIX } from '../../../shared/domain/case';
import { addDays, ageOn } from '../../../shared/domain/dates';
import { episodeProblems } from '../../../shared/domain/episodes';
import { needsVariance } from '../../../shared/domain/variance';
import { assessmentSchemaV1 } from '../../../shared/rules/assessment';
import { evaluateAssessment } from '../../../shared/rules/evaluate';
import { sameRecommendation } from '../../../shared/rules/impact';
import { referenceCaseload, referenceStaff } from '../../../shared/synthetic/referenceCaseload';
import { REFERENCE_BLOCK_SIZE } from '../../../shared/synthetic/referenceQuotas';
import { REFERENCE_RECORDS_PER_CASE, type ReferenceCase, type ReferenceOptions } from '../../../shared/synthetic/referenceTypes';

const TODAY = '2026-11-29';
const generate = (cases: number, seed = 2026, today = TODAY): ReferenceCase[] => [...referenceCaseload({ seed, cases, today })];
const total = (cases: readonly ReferenceCase[], pick: (item: ReferenceCase) => readonly unknown[]): number =>
  cases.reduce((sum, item) => sum + pick(item).length, 0);

describe('referenceCaseload: exact sizes', () => {
  it.each([0, 1, 7, REFERENCE_BLOCK_SIZE, 45, 300])('holds exactly 4 episodes, 3 assessments and 2 decisions per case for %i cases', (count) => {
    const cases = generate(count);
    expect(cases).toHaveLength(count);
    expect(total(cases, (item) => item.episodes)).toBe(REFERENCE_RECORDS_PER_CASE.episodes * count);
    expect(total(cases, (item) => item.assessments)).toBe(REFERENCE_RECORDS_PER_CASE.assessments * count);
    expect(total(cases, (item) => item.decisions)).toBe(REFERENCE_RECORDS_PER_CASE.decisions * count);
  });

  it('gives every record a unique id and every case a unique DEMO- MRN numbered from 1', () => {
    const cases = generate(400);
    const ids = cases.flatMap((item) => [
      item.id,
      ...item.episodes.map((episode) => episode.id),
      ...item.assessments.map((assessment) => assessment.id),
      ...item.decisions.flatMap((decision) => [decision.id, ...decision.reviews.map((review) => review.id)]),
      ...item.attendance.map((session) => session.id),
      ...(item.authorization ? [item.authorization.id] : []),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(cases[0]?.mrn).toBe('DEMO-000001');
    expect(cases[399]?.mrn).toBe('DEMO-000400');
    for (const item of cases) {
      expect(item.mrn.startsWith(SYNTHETIC_MRN_PREFIX)).toBe(true);
      expect(item.mrn).toMatch(MRN_PATTERN);
    }
  });
});

describe('referenceCaseload: reproducibility', () => {
  it('returns the same records for the same seed, size and day', () => {
    expect(generate(120, 7)).toEqual(generate(120, 7));
  });

  it('returns other records for another seed', () => {
    const [a, b] = [generate(60, 1), generate(60, 2)];
    expect(a.map((item) => item.fullName)).not.toEqual(b.map((item) => item.fullName));
    expect(a.map((item) => item.episodes.length)).not.toEqual(b.map((item) => item.episodes.length));
  });

  it('starts a larger caseload with the cases of a smaller one (whole blocks of twenty)', () => {
    expect(generate(200, 11).slice(0, 60)).toEqual(generate(60, 11));
  });

  it('gives the staff the same ids for the same seed, and more clinicians to a larger caseload', () => {
    const options = { seed: 3, cases: 100_000 };
    expect(referenceStaff(options)).toEqual(referenceStaff(options));
    expect(referenceStaff(options).clinicians).toHaveLength(40);
    expect(referenceStaff(options).supervisors).toHaveLength(5);
    expect(referenceStaff({ seed: 3, cases: 10_000 }).clinicians).toHaveLength(4);
    expect(referenceStaff({ seed: 3, cases: 50 }).clinicians).toHaveLength(3);
  });
});

describe('referenceCaseload: every record is one the app could have written', () => {
  const options: ReferenceOptions = { seed: 99, cases: 600, today: TODAY };
  const staff = referenceStaff(options);
  const cases = [...referenceCaseload(options, staff)];
  const clinicians = new Set(staff.clinicians.map((person) => person.id));
  const supervisors = new Set(staff.supervisors.map((person) => person.id));

  it('has a valid care history: no overlaps, one open episode at most and only the last, steps linked to the episode before', () => {
    for (const item of cases) {
      const episodes = item.episodes.map((episode) => ({ ...episode }));
      expect(episodeProblems(episodes), item.mrn).toEqual([]);
      item.episodes.forEach((episode, index) => {
        if (index < item.episodes.length - 1) expect(episode.endDate, item.mrn).not.toBeNull();
        if (episode.endDate !== null) expect(episode.endDate <= TODAY).toBe(true);
        const previous = item.episodes[index - 1];
        if (episode.followsId !== null) {
          expect(episode.followsId).toBe(previous?.id);
          expect(previous?.endDate).toBe(episode.startDate);
          expect(['stepped-up', 'stepped-down']).toContain(previous?.endReason);
        }
      });
      expect(item.status).toBe(item.episodes.length === 0 || item.episodes.at(-1)?.endDate === null ? 'active' : 'discharged');
    }
  });

  it('has assessments the contract accepts, made while the person was an adult and not in the future, with the recommendation the rules give', () => {
    for (const item of cases) {
      expect(
        createCaseInputSchema.safeParse({ mrn: item.mrn, fullName: item.fullName, dateOfBirth: item.dateOfBirth, program: item.program }).success,
      ).toBe(true);
      for (const { assessment, recommendation, assessorId } of item.assessments) {
        expect(assessmentSchemaV1.safeParse(assessment).error?.issues ?? []).toEqual([]);
        expect(assessment.assessedOn <= TODAY).toBe(true);
        expect(ageOn(item.dateOfBirth, assessment.assessedOn)).toBeGreaterThanOrEqual(18);
        expect(sameRecommendation(evaluateAssessment(assessment), recommendation)).toBe(true);
        expect(clinicians.has(assessorId)).toBe(true);
      }
    }
  });

  it('has decisions on the case’s own assessments, with a variance exactly when the chosen level departs from the rules', () => {
    for (const item of cases) {
      const assessments = new Map(item.assessments.map((assessment) => [assessment.id, assessment]));
      for (const decision of item.decisions) {
        const assessment = assessments.get(decision.assessmentId);
        expect(assessment, item.mrn).toBeDefined();
        expect(decision.recommendedLevel).toBe(assessment?.recommendation.level);
        expect(decision.effectiveDate >= (assessment?.assessment.assessedOn ?? '')).toBe(true);
        expect(decision.varianceReason !== null).toBe(needsVariance(decision.recommendedLevel, decision.chosenLevel));
        expect(decision.varianceText !== null).toBe(decision.varianceReason !== null);
        expect(clinicians.has(decision.authorId)).toBe(true);
        if (decision.reviewerId !== null) expect(supervisors.has(decision.reviewerId)).toBe(true);
        expect(decision.reviews.at(-1)?.outcome ?? null).toBe(
          decision.status === 'approved' ? 'approved' : decision.status === 'returned' ? 'returned' : null,
        );
        if (decision.status === 'draft') expect(decision.submittedAt).toBeNull();
      }
    }
  });

  it('links each episode a decision opened to that approved, applied decision, effective on the episode’s first day', () => {
    let opened = 0;
    for (const item of cases) {
      const decisions = new Map(item.decisions.map((decision) => [decision.id, decision]));
      for (const episode of item.episodes) {
        if (episode.openedByDecisionId === null) continue;
        opened += 1;
        const decision = decisions.get(episode.openedByDecisionId);
        expect(decision?.status).toBe('approved');
        expect(decision?.appliedAt).not.toBeNull();
        expect(decision?.effectiveDate).toBe(episode.startDate);
        expect(decision?.chosenLevel).toBe(episode.level);
      }
      for (const decision of item.decisions) {
        if (decision.status === 'approved' && decision.appliedAt === null) expect(decision.effectiveDate > TODAY).toBe(true);
      }
    }
    expect(opened).toBeGreaterThan(cases.length);
  });

  it('records attendance only for people at IOP now, and authorizations only for people in care', () => {
    for (const item of cases) {
      const open = item.episodes.find((episode) => episode.endDate === null);
      if (item.attendance.length > 0) expect(open?.level).toBe('iop');
      if (item.authorization) {
        expect(open).toBeDefined();
        expect(item.authorization.toDate >= item.authorization.fromDate).toBe(true);
      }
    }
  });
});

describe('referenceCaseload: realistic mixes over 2,000 cases', () => {
  const cases = generate(2000, 4242);
  const share = (count: number, of: number): number => count / of;
  const episodes = cases.flatMap((item) => item.episodes);
  const decisions = cases.flatMap((item) => item.decisions);

  it('keeps most records of people discharged long ago, a third in care, and a few not yet placed', () => {
    const active = cases.filter((item) => item.status === 'active').length;
    const unplaced = cases.filter((item) => item.episodes.length === 0).length;
    expect(share(active, cases.length)).toBeGreaterThan(0.25);
    expect(share(active, cases.length)).toBeLessThan(0.45);
    expect(share(unplaced, cases.length)).toBeGreaterThan(0.01);
    expect(share(unplaced, cases.length)).toBeLessThan(0.08);
  });

  it('has people in care at every level, with outpatient and IOP the largest groups', () => {
    const open = episodes.filter((episode) => episode.endDate === null);
    const at = (level: string) => open.filter((episode) => episode.level === level).length;
    for (const level of ['inpatient', 'iop', 'outpatient']) expect(share(at(level), open.length), level).toBeGreaterThan(0.15);
    expect(at('inpatient')).toBeLessThan(at('outpatient'));
  });

  it('moves people mostly down, sometimes up, and discharges them for every reason', () => {
    const reasons = new Map<string, number>();
    for (const episode of episodes) if (episode.endReason) reasons.set(episode.endReason, (reasons.get(episode.endReason) ?? 0) + 1);
    const down = reasons.get('stepped-down') ?? 0;
    const up = reasons.get('stepped-up') ?? 0;
    expect(down).toBeGreaterThan(up * 1.5);
    expect(up).toBeGreaterThan(episodes.length * 0.05);
    for (const reason of ['completed', 'dropped-out', 'transferred', 'administrative-discharge', 'incarcerated', 'died', 'other']) {
      expect(reasons.get(reason) ?? 0, reason).toBeGreaterThan(0);
    }
    const readmissions = cases.filter((item) => item.episodes.some((episode, index) => index > 0 && episode.followsId === null)).length;
    expect(share(readmissions, cases.length)).toBeGreaterThan(0.2);
  });

  it('has decisions in every status, most approved, about one in five with a variance, and reviews with returns', () => {
    const statuses = new Map<string, number>();
    for (const decision of decisions) statuses.set(decision.status, (statuses.get(decision.status) ?? 0) + 1);
    for (const status of ['draft', 'submitted', 'approved', 'returned', 'withdrawn']) expect(statuses.get(status) ?? 0, status).toBeGreaterThan(0);
    expect(share(statuses.get('approved') ?? 0, decisions.length)).toBeGreaterThan(0.6);
    const variances = decisions.filter((decision) => decision.varianceReason !== null).length;
    expect(share(variances, decisions.length)).toBeGreaterThan(0.1);
    expect(share(variances, decisions.length)).toBeLessThan(0.35);
    expect(new Set(decisions.flatMap((decision) => (decision.varianceReason ? [decision.varianceReason] : []))).size).toBeGreaterThanOrEqual(6);
    const returnedThenApproved = decisions.filter((decision) => decision.reviews.length === 2).length;
    expect(returnedThenApproved).toBeGreaterThan(0);
  });

  it('has continued-stay reviews during episodes, and current recommendations that differ from the level for some people in care', () => {
    const reviews = cases.flatMap((item) =>
      item.assessments.filter(({ assessment }) =>
        item.episodes.some(
          (episode) => episode.startDate < assessment.assessedOn && (episode.endDate === null || assessment.assessedOn < episode.endDate),
        ),
      ),
    );
    expect(reviews.length).toBeGreaterThan(cases.length * 0.3);
    const inCare = cases.filter((item) => item.episodes.at(-1)?.endDate === null);
    const mismatched = inCare.filter((item) => {
      const latest = [...item.assessments].sort((a, b) => (a.assessment.assessedOn < b.assessment.assessedOn ? 1 : -1))[0];
      return latest?.recommendation.level !== item.episodes.at(-1)?.level;
    });
    expect(share(mismatched.length, inCare.length)).toBeGreaterThan(0.05);
    expect(share(mismatched.length, inCare.length)).toBeLessThan(0.35);
  });

  it('spreads care over years, with every case opened by today', () => {
    const starts = episodes.map((episode) => episode.startDate).sort();
    expect((starts[0] ?? TODAY) < addDays(TODAY, -5 * 365)).toBe(true);
    for (const item of cases) expect(item.createdAt.slice(0, 10) <= TODAY).toBe(true);
  });
});
