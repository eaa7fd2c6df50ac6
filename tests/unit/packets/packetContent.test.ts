import { describe, expect, it } from 'vitest';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import {
  PACKET_LIMITS,
  packetContentSchema,
  reviewRequestSchema,
  signOffSchema,
  type PacketDecision,
  type ReviewRequest,
} from '../../../shared/packets/packetContent';
import { makeReviewRequest, makeSignOff, PATIENT_NAME } from '../../factories/packets';

function issuesOf(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
}

function withDecision(changes: Partial<PacketDecision>): ReviewRequest {
  const request = makeReviewRequest();
  const [decision] = request.decisions;
  if (decision === undefined) throw new Error('the factory has a decision');
  return { ...request, decisions: [{ ...decision, ...changes }] };
}

describe('the review-request content', () => {
  it('accepts the factory packet and is picked by its kind', () => {
    const parsed = packetContentSchema.parse(makeReviewRequest());
    expect(parsed.kind).toBe('review-request');
    expect(parsed).toEqual(makeReviewRequest());
  });

  it('requires the redisclosure notice', () => {
    const { notice: _notice, ...withoutNotice } = makeReviewRequest();
    expect(issuesOf(reviewRequestSchema.safeParse(withoutNotice))).toEqual([expect.stringMatching(/^notice:/)]);
    expect(reviewRequestSchema.safeParse(makeReviewRequest({ notice: 'Confidential.' })).success).toBe(false);
  });

  it('reads a notice worded differently by an older version, as long as it is the 42 CFR part 2 notice', () => {
    const older = REDISCLOSURE_NOTICE.replace(
      'This record which has been disclosed to you',
      'This information has been disclosed to you from records',
    );
    expect(reviewRequestSchema.safeParse(makeReviewRequest({ notice: older })).success).toBe(true);
  });

  it('refuses another format version and unknown fields', () => {
    expect(reviewRequestSchema.safeParse({ ...makeReviewRequest(), formatVersion: 2 }).success).toBe(false);
    expect(issuesOf(reviewRequestSchema.safeParse({ ...makeReviewRequest(), extra: true }))).toEqual([expect.stringMatching(/Unrecognized key/)]);
  });

  it('refuses a packet id that is not a UUID and a time without a zone', () => {
    expect(reviewRequestSchema.safeParse(makeReviewRequest({ packetId: 'packet-1' })).success).toBe(false);
    expect(reviewRequestSchema.safeParse(makeReviewRequest({ createdAt: '2026-11-29T10:00:00' })).success).toBe(false);
  });

  it('carries only submitted decisions, and at least one', () => {
    const draft: unknown = { ...withDecision({}), decisions: [{ ...withDecision({}).decisions[0], status: 'draft' }] };
    expect(reviewRequestSchema.safeParse(draft).success).toBe(false);
    expect(reviewRequestSchema.safeParse(makeReviewRequest({ decisions: [] })).success).toBe(false);
  });

  it.each<[string, (request: ReviewRequest) => ReviewRequest, string]>([
    [
      'a decision of a case it does not carry',
      () => withDecision({ caseId: 'case-9' }),
      'decisions.0.caseId: names a case the packet does not carry',
    ],
    [
      'a decision by a user it does not carry',
      () => withDecision({ authorId: 'user-9' }),
      'decisions.0.authorId: names a user the packet does not carry',
    ],
    [
      'a decision on an assessment it does not carry',
      () => withDecision({ assessmentId: 'assess-9' }),
      'decisions.0.assessmentId: names an assessment the packet does not carry',
    ],
    [
      'an assessor it does not carry',
      (request) => ({ ...request, assessments: request.assessments.map((item) => ({ ...item, assessorId: 'user-9' })) }),
      'assessments.0.assessorId: names a user the packet does not carry',
    ],
    [
      'an episode of a case it does not carry',
      (request) => ({ ...request, episodes: request.episodes.map((item) => ({ ...item, caseId: 'case-9' })) }),
      'episodes.0.caseId: names a case the packet does not carry',
    ],
    ['a case twice', (request) => ({ ...request, cases: [...request.cases, ...request.cases] }), 'cases.1.id: repeats an id'],
  ])('refuses %s, naming the path and no patient detail', (_label, change, expected) => {
    const issues = issuesOf(reviewRequestSchema.safeParse(change(makeReviewRequest())));
    expect(issues).toContain(expected);
    expect(issues.join('\n')).not.toContain(PATIENT_NAME);
  });

  it('refuses a decision on an assessment of another case', () => {
    const request = makeReviewRequest();
    const otherCase = { ...request.cases[0], id: 'case-2', mrn: 'MRN-2' } as ReviewRequest['cases'][number];
    const changed: ReviewRequest = { ...request, cases: [...request.cases, otherCase], decisions: withDecision({ caseId: 'case-2' }).decisions };
    expect(issuesOf(reviewRequestSchema.safeParse(changed))).toEqual(['decisions.0.assessmentId: names an assessment of another case']);
  });

  it('checks the assessment payload with the interchange v1 schema', () => {
    const request = makeReviewRequest();
    const broken = {
      ...request,
      assessments: request.assessments.map((item) => ({ ...item, assessment: { ...item.assessment, dimensions: { withdrawl: 2 } } })),
    };
    expect(issuesOf(reviewRequestSchema.safeParse(broken))).toEqual([expect.stringMatching(/^assessments\.0\.assessment\.dimensions/)]);
  });

  it('bounds its lists', () => {
    const user = makeReviewRequest().users[0];
    const users = Array.from({ length: PACKET_LIMITS.users + 1 }, (_, index) => ({ ...user, id: `user-${index}` })) as ReviewRequest['users'];
    expect(issuesOf(reviewRequestSchema.safeParse(makeReviewRequest({ users })))).toContainEqual(expect.stringMatching(/^users: Too big/));
  });
});

describe('the sign-off content', () => {
  it('accepts the factory packet and is picked by its kind', () => {
    expect(packetContentSchema.parse(makeSignOff()).kind).toBe('sign-off');
  });

  it('needs a comment to return a decision, as a local return does', () => {
    const outcome = makeSignOff().outcomes[0];
    if (outcome === undefined) throw new Error('the factory has an outcome');
    const returned = (comment: string | null) => makeSignOff({ outcomes: [{ ...outcome, outcome: 'returned', comment }] });
    expect(issuesOf(signOffSchema.safeParse(returned(null)))).toEqual(['outcomes.0.comment: a return needs a comment']);
    expect(signOffSchema.safeParse(returned('   ')).success).toBe(false);
    expect(signOffSchema.safeParse(returned('Please add the housing assessment.')).success).toBe(true);
  });

  it('names each decision once, with a SHA-256 fingerprint', () => {
    const outcome = makeSignOff().outcomes[0];
    if (outcome === undefined) throw new Error('the factory has an outcome');
    expect(issuesOf(signOffSchema.safeParse(makeSignOff({ outcomes: [outcome, outcome] })))).toEqual([
      'outcomes.1.decisionId: names a decision twice',
    ]);
    expect(signOffSchema.safeParse(makeSignOff({ outcomes: [{ ...outcome, decisionFingerprint: 'A'.repeat(64) }] })).success).toBe(false);
    expect(signOffSchema.safeParse(makeSignOff({ outcomes: [] })).success).toBe(false);
  });

  it('comes from the reviewer’s own installation', () => {
    const { reviewer } = makeSignOff();
    const moved = makeSignOff({ reviewer: { ...reviewer, installationId: '11111111-2222-4333-8444-555555555555' } });
    expect(issuesOf(signOffSchema.safeParse(moved))).toEqual(['reviewer.installationId: must be the installation that made the packet']);
  });

  it('refuses an outcome other than approved or returned', () => {
    const outcome = makeSignOff().outcomes[0];
    const withdrawn: unknown = { ...makeSignOff(), outcomes: [{ ...outcome, outcome: 'withdrawn' }] };
    expect(signOffSchema.safeParse(withdrawn).success).toBe(false);
  });
});
