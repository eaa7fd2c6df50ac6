/** The five public articles Stepwise starts from (kept beside the checkout in shared/seeds/). */
export const SEED_ARTICLES = [
  { key: 'S0', file: '000_ff71de0809808ea4.txt', title: 'When is an IOP rehab program better than an inpatient rehab program?' },
  { key: 'S1', file: '001_55dabd2d8b6525e8.txt', title: 'What is an intensive outpatient program (IOP)?' },
  { key: 'S2', file: '002_46240f95af141b00.txt', title: 'How does an IOP differ from inpatient treatment? (Couples Rehab)' },
  { key: 'S3', file: '003_4b9f259722a1c672.txt', title: 'Four advantages of intensive outpatient programs (IOP)' },
  { key: 'S4', file: '004_9b4dd4f927d19855.txt', title: 'How is an IOP different from inpatient treatment?' },
] as const;
export type SeedArticleKey = (typeof SEED_ARTICLES)[number]['key'];

export interface SeedCriterion {
  readonly id: string;
  readonly article: SeedArticleKey;
  /** What the article says, paraphrased in our own words. */
  readonly paraphrase: string;
  /** Present only when no rule encodes the criterion: why it is not a placement criterion. */
  readonly notEncodedBecause?: string;
}

const DESCRIPTIVE = 'It describes how a programme is run, not who should be placed in it.';
const FINANCIAL = 'Cost and insurance cover are practical matters for the person and the clinic; the recommended level follows clinical need only.';
const PREFERENCE = 'It is a benefit a person may value, not a sign of clinical need, so it never moves the recommended level.';

/**
 * Every placement-relevant statement found in the five seed articles. A criterion is either encoded by
 * at least one rule (rules cite it by id) or carries the reason no rule encodes it.
 */
export const SEED_CRITERIA = [
  // S0: when IOP beats inpatient
  {
    id: 'S0-IOP-TIMETABLE',
    article: 'S0',
    paraphrase: 'IOP sessions run in blocks of a few hours on most weekdays and the person sleeps at home.',
    notEncodedBecause: `${DESCRIPTIVE} The measurable weekly minimum comes from S4-IOP-MINIMUM-HOURS.`,
  },
  {
    id: 'S0-HOME-WITH-LOVED-ONES',
    article: 'S0',
    paraphrase: 'IOP suits people who need intensive treatment yet do better living at home among the people close to them.',
  },
  { id: 'S0-KEEP-WORK-OR-SCHOOL', article: 'S0', paraphrase: 'IOP helps people who must keep going to work or school during treatment.' },
  {
    id: 'S0-CANNOT-STAY-ABSTINENT-OUTSIDE',
    article: 'S0',
    paraphrase: 'People who cannot stay away from alcohol and drugs outside a facility need inpatient care.',
  },
  // S1: what an IOP is
  {
    id: 'S1-IOP-FORMAT',
    article: 'S1',
    paraphrase: 'An IOP takes a few hours on several days a week, mostly group therapy, often with drug testing and for up to about three months.',
    notEncodedBecause: DESCRIPTIVE,
  },
  {
    id: 'S1-INPATIENT-AMENITIES',
    article: 'S1',
    paraphrase: 'Residential programmes also provide meals, a bed, recreation and on-site medical care.',
    notEncodedBecause: 'Amenities come with a level of care; they are not a reason to choose it.',
  },
  { id: 'S1-SEVERE-LONGSTANDING', article: 'S1', paraphrase: 'Inpatient care tends to suit addictions that are severe or have lasted many years.' },
  { id: 'S1-MULTIPLE-RELAPSES', article: 'S1', paraphrase: 'People with many relapses may need a longer spell away from substances.' },
  { id: 'S1-UNSTABLE-HOME', article: 'S1', paraphrase: 'A home that is unstable or full of triggers points to residential care.' },
  {
    id: 'S1-DUAL-DIAGNOSIS',
    article: 'S1',
    paraphrase: 'Mental health conditions needing integrated (dual-diagnosis) treatment point to residential care.',
  },
  {
    id: 'S1-STEP-DOWN-AFTER-RESIDENTIAL',
    article: 'S1',
    paraphrase: 'After finishing inpatient or residential care a person may step down to IOP to ease back into daily life.',
  },
  {
    id: 'S1-STEP-UP-FROM-OUTPATIENT',
    article: 'S1',
    paraphrase: 'If ordinary outpatient treatment falls short, the person can step up to a programme of greater intensity.',
  },
  { id: 'S1-FLEXIBLE-SCHEDULE', article: 'S1', paraphrase: 'An IOP schedule flexes around work and school commitments.' },
  { id: 'S1-OUTPATIENT-STRONG-SUPPORT', article: 'S1', paraphrase: 'Standard outpatient care fits best when a strong support system is in place.' },
  // S2: IOP versus inpatient (Couples Rehab)
  {
    id: 'S2-RESIDENTIAL-STAY',
    article: 'S2',
    paraphrase: 'A residential stay is full-time, often one to three months or longer, away from everyday triggers.',
    notEncodedBecause: DESCRIPTIVE,
  },
  {
    id: 'S2-IOP-LIVING-AT-HOME',
    article: 'S2',
    paraphrase: 'People in an IOP sleep in their own home or in supported housing while they attend sessions.',
  },
  {
    id: 'S2-RESIDENTIAL-FOR-HIGH-NEED',
    article: 'S2',
    paraphrase: 'Round-the-clock monitoring benefits people whose symptoms are severe, who have medical needs, or who are very likely to relapse.',
  },
  {
    id: 'S2-IOP-HOURS',
    article: 'S2',
    paraphrase: 'An IOP usually means roughly nine to twelve hours of therapy a week over three to five sessions.',
  },
  {
    id: 'S2-STABLE-ENOUGH-FOR-HOME',
    article: 'S2',
    paraphrase: 'IOP fits people steady enough to manage life at home who still need therapy on a regular basis.',
  },
  {
    id: 'S2-REAL-WORLD-PRACTICE',
    article: 'S2',
    paraphrase: 'In an IOP new coping skills are tried out in daily life straight away, including caring for pets at home.',
    notEncodedBecause: PREFERENCE,
  },
  {
    id: 'S2-INPATIENT-FOR-CRISIS',
    article: 'S2',
    paraphrase: 'The sheltered setting of inpatient care can help a person who is in crisis.',
  },
  {
    id: 'S2-COST-INSURANCE',
    article: 'S2',
    paraphrase: 'Inpatient care costs more; IOP is cheaper and often covered when medically necessary.',
    notEncodedBecause: FINANCIAL,
  },
  {
    id: 'S2-RESIDENTIAL-INDICATIONS',
    article: 'S2',
    paraphrase: 'Inpatient care is advised for severe symptoms, an unstable living situation or several failed tries at outpatient care.',
  },
  {
    id: 'S2-IOP-STEP-DOWN-OR-MODERATE',
    article: 'S2',
    paraphrase: 'IOP fits people coming out of inpatient care, and people with moderate symptoms that part-time treatment can handle.',
  },
  { id: 'S2-EARLY-INTERVENTION', article: 'S2', paraphrase: 'Starting IOP early can head off the need for a heavier level of care later on.' },
  { id: 'S2-NO-ROUND-THE-CLOCK-NEED', article: 'S2', paraphrase: 'Good IOP candidates do not need supervision around the clock.' },
  { id: 'S2-WORK-FAMILY-OBLIGATIONS', article: 'S2', paraphrase: 'IOP lets people keep their work, school and family commitments.' },
  // S3: four advantages of IOP
  { id: 'S3-SELF-MOTIVATED', article: 'S3', paraphrase: 'IOP candidates want to recover on their own initiative.' },
  { id: 'S3-SOBRIETY-SUPPORTIVE-HOME', article: 'S3', paraphrase: 'IOP candidates live somewhere that supports staying sober.' },
  { id: 'S3-ENGAGED-LOVED-ONES', article: 'S3', paraphrase: 'IOP candidates have family or friends actively involved in their recovery.' },
  { id: 'S3-ACCOUNTABLE', article: 'S3', paraphrase: 'IOP candidates can keep themselves accountable for staying sober.' },
  { id: 'S3-MILD-TO-MODERATE', article: 'S3', paraphrase: 'IOP is meant for substance use disorders that are mild or moderate.' },
  {
    id: 'S3-INTENSIVE-BUT-FLEXIBLE',
    article: 'S3',
    paraphrase: 'Some people need intensive treatment and also a schedule that leaves room for a job or children.',
  },
  {
    id: 'S3-SEVERE-COMPLETED-DETOX',
    article: 'S3',
    paraphrase: 'A person with a severe addiction should already have finished medical detox or residential care before IOP.',
  },
  {
    id: 'S3-RESIDENTIAL-FIRST',
    article: 'S3',
    paraphrase: 'Severe addiction or a disabling co-occurring mental illness calls for residential treatment before IOP.',
  },
  {
    id: 'S3-CONFIDENTIALITY',
    article: 'S3',
    paraphrase: 'IOP makes it easier to keep treatment private from an employer.',
    notEncodedBecause: PREFERENCE,
  },
  { id: 'S3-LOWER-COST', article: 'S3', paraphrase: 'IOP costs much less than residential treatment.', notEncodedBecause: FINANCIAL },
  // S4: how an IOP differs from inpatient treatment
  { id: 'S4-OUT-GOOD-HEALTH', article: 'S4', paraphrase: 'Outpatient care suits people in good physical health.' },
  { id: 'S4-OUT-SAFE-LIVING', article: 'S4', paraphrase: 'Outpatient care suits people whose home is safe, settled and supportive.' },
  { id: 'S4-OUT-EARLY-STAGE', article: 'S4', paraphrase: 'Outpatient care suits addiction at an early stage.' },
  {
    id: 'S4-OUT-NEEDS-SUPPORT',
    article: 'S4',
    paraphrase: 'Outpatient care suits people who need some extra help to get sober.',
    notEncodedBecause: 'Everyone referred for treatment needs help, so this does not tell the levels apart.',
  },
  { id: 'S4-OUT-WITHDRAWAL-UNLIKELY', article: 'S4', paraphrase: 'Outpatient care suits people unlikely to have severe withdrawal.' },
  {
    id: 'S4-OUT-CANNOT-AFFORD',
    article: 'S4',
    paraphrase: 'Outpatient care suits people who cannot pay for, or are not insured for, a residential stay.',
    notEncodedBecause: FINANCIAL,
  },
  { id: 'S4-OUT-CARE-DUTIES', article: 'S4', paraphrase: 'Outpatient care suits people who cannot leave children, a job or an elderly relative.' },
  { id: 'S4-INP-LIFE-THREATENING', article: 'S4', paraphrase: 'Inpatient care is for addictions that may threaten life.' },
  { id: 'S4-INP-MEDICAL-DETOX', article: 'S4', paraphrase: 'Inpatient care is for severe detox that needs constant medical supervision.' },
  { id: 'S4-INP-OUTPATIENT-RELAPSE', article: 'S4', paraphrase: 'Inpatient care is for people who tried outpatient therapy and keep relapsing.' },
  {
    id: 'S4-INP-CRAVINGS-NEED-24H',
    article: 'S4',
    paraphrase: 'Inpatient care is for people who cannot resist cravings without supervision day and night.',
  },
  { id: 'S4-INP-NO-SAFE-SOBER-HOME', article: 'S4', paraphrase: 'Inpatient care is for people with no safe, sober place to live.' },
  { id: 'S4-INP-NO-SUPPORT-NETWORK', article: 'S4', paraphrase: 'Inpatient care is for people without supportive family and friends.' },
  { id: 'S4-INP-LEGAL-ORDER', article: 'S4', paraphrase: 'Inpatient care is for people legally required to complete a residential programme.' },
  {
    id: 'S4-COMMON-SERVICES',
    article: 'S4',
    paraphrase: 'Every treatment centre plans care individually, builds support, teaches relapse management and treats co-occurring problems.',
    notEncodedBecause: 'These services are offered at every level, so they do not choose between levels.',
  },
  {
    id: 'S4-IOP-MINIMUM-HOURS',
    article: 'S4',
    paraphrase: 'By definition an IOP provides at least nine hours of service a week, for example three sessions of three hours.',
  },
  {
    id: 'S4-OUTPATIENT-DETOX',
    article: 'S4',
    paraphrase: 'Expected but manageable withdrawal can be handled outpatient, with medicines and medical backup.',
  },
  {
    id: 'S4-EFFECTIVENESS',
    article: 'S4',
    paraphrase: 'Research finds IOP about as effective as residential care; intensity and duration matter more than living on site.',
    notEncodedBecause:
      'A finding about programmes in general; it supports recommending the least intensive sufficient level but says nothing about one person.',
  },
  {
    id: 'S4-RESIDENTIAL-RESERVED',
    article: 'S4',
    paraphrase: 'Residential care is best kept for the most impaired people, who lack a supportive environment or the motivation for IOP.',
  },
  {
    id: 'S4-STEP-DOWN-TRANSITION',
    article: 'S4',
    paraphrase: 'People leaving an inpatient facility may continue in outpatient treatment as a transition.',
  },
  {
    id: 'S4-REASONS-FOR-CHOOSING',
    article: 'S4',
    paraphrase: 'People choose outpatient care to keep their job and family life going, avoid stigma and protect their privacy.',
    notEncodedBecause: `${PREFERENCE} Work and family duties are handled as logistics under S4-OUT-CARE-DUTIES.`,
  },
] as const satisfies readonly SeedCriterion[];

export type SeedCriterionId = (typeof SEED_CRITERIA)[number]['id'];

const BY_ID: ReadonlyMap<string, SeedCriterion> = new Map(SEED_CRITERIA.map((criterion) => [criterion.id, criterion]));

export function findSeedCriterion(id: string): SeedCriterion | undefined {
  return BY_ID.get(id);
}
