import { SYNTHETIC_MRN_PREFIX } from '../domain/case';
import { addDays, type IsoDate } from '../domain/dates';
import { evaluateAssessment } from '../rules/evaluate';
import { syntheticAssessment } from './assessments';
import { syntheticAuthorization, syntheticIopAttendance } from './careHistory';
import { seededRandom, type SeededRandom } from './random';
import { planAssessments } from './referenceAssessments';
import { at, planDecisions } from './referenceDecisions';
import { referenceHistory } from './referenceHistory';
import { REFERENCE_FIRST_NAMES, REFERENCE_LAST_NAMES } from './referenceNames';
import { blockQuotas, REFERENCE_BLOCK_SIZE, streamSeed, syntheticUuid, type CaseQuota } from './referenceQuotas';
import type { ReferenceAssessment, ReferenceCase, ReferenceEpisode, ReferenceOptions, ReferencePerson, ReferenceStaff } from './referenceTypes';

const PROGRAMS = [
  'Demo Riverside Clinic',
  'Demo Northgate Recovery',
  'Demo Hillview Residential',
  'Demo Eastside Outpatient',
  'Demo Lakeshore IOP',
  'Demo County Detox Unit',
] as const;
const PAYERS = ['Demo Medicaid plan', 'Demo commercial plan', 'Demo Medicare plan', 'Self-pay', null] as const;
/** People per clinician's caseload, and clinicians per supervisor. */
const CASES_PER_CLINICIAN = 2500;
const CLINICIANS_PER_SUPERVISOR = 8;
/** Salts that give each kind of record its own stream, so a change to one kind leaves the others as they were. */
const SALT = { staff: 1, block: 2, person: 3, care: 4, records: 5, ids: 6 } as const;

/** Clinicians and supervisors for a caseload of this size: about one clinician per 2,500 cases, at least three. */
export function referenceStaff(options: Pick<ReferenceOptions, 'seed' | 'cases'>): ReferenceStaff {
  const random = seededRandom(streamSeed(options.seed, 0, SALT.staff));
  const clinicianCount = Math.max(3, Math.round(options.cases / CASES_PER_CLINICIAN));
  const person = (role: string, index: number): ReferencePerson => ({
    id: syntheticUuid(random),
    username: `demo-${role}-${String(index + 1).padStart(3, '0')}`,
    displayName: `Demo ${role} ${random.pick(REFERENCE_FIRST_NAMES)} ${random.pick(REFERENCE_LAST_NAMES)}`,
  });
  const clinicians = Array.from({ length: clinicianCount }, (_, index) => person('clinician', index));
  const supervisors = Array.from({ length: Math.max(2, Math.ceil(clinicianCount / CLINICIANS_PER_SUPERVISOR)) }, (_, index) =>
    person('supervisor', index),
  );
  return { clinicians, supervisors };
}

/**
 * The reference caseload, one case at a time so that 100,000 cases never sit in memory together. Exactly four
 * episodes, three assessments and two decisions per case in total; each case depends only on the seed, its number
 * and its block of twenty, so a larger caseload starts with the cases of a smaller one.
 */
export function* referenceCaseload(options: ReferenceOptions, staff: ReferenceStaff = referenceStaff(options)): Generator<ReferenceCase> {
  for (let blockStart = 0; blockStart < options.cases; blockStart += REFERENCE_BLOCK_SIZE) {
    const size = Math.min(REFERENCE_BLOCK_SIZE, options.cases - blockStart);
    const quotas = blockQuotas(seededRandom(streamSeed(options.seed, blockStart / REFERENCE_BLOCK_SIZE, SALT.block)), size);
    for (let offset = 0; offset < size; offset += 1) {
      const quota = quotas[offset];
      if (quota) yield referenceCase(options, staff, blockStart + offset, quota);
    }
  }
}

function referenceCase(options: ReferenceOptions, staff: ReferenceStaff, index: number, quota: CaseQuota): ReferenceCase {
  const { seed, today } = options;
  const person = seededRandom(streamSeed(seed, index, SALT.person));
  const care = seededRandom(streamSeed(seed, index, SALT.care));
  const records = seededRandom(streamSeed(seed, index, SALT.records));
  const idStream = seededRandom(streamSeed(seed, index, SALT.ids));
  const newId = (): string => syntheticUuid(idStream);
  const caseId = newId();
  // A few cases are waiting to be assigned to a clinician.
  const clinician = person.chance(0.03) ? null : person.pick(staff.clinicians);
  const authorId = (clinician ?? person.pick(staff.clinicians)).id;
  const fullName = `${person.pick(REFERENCE_FIRST_NAMES)} ${person.pick(REFERENCE_LAST_NAMES)}`;
  const program = person.pick(PROGRAMS);
  const payer = person.pick(PAYERS);
  const ageInDays = person.int(18 * 365 + 5, 75 * 365);

  const history = referenceHistory(care, quota.episodes, quota.active, today);
  const planned = planAssessments(records, history, quota.assessments, today);
  const assessments = planned.map((plan): ReferenceAssessment => {
    const id = newId();
    const assessment = syntheticAssessment(records, { id, assessedOn: plan.assessedOn, currentLevel: plan.currentLevel, target: plan.target });
    return {
      id,
      assessment,
      recommendation: evaluateAssessment(assessment),
      createdAt: at(plan.assessedOn, 9, records.int(0, 59)),
      assessorId: authorId,
    };
  });
  const { decisions, openedBy } = planDecisions({
    random: records,
    newId,
    history,
    planned,
    assessments,
    count: quota.decisions,
    active: quota.active,
    authorId,
    reviewerIds: staff.supervisors.map((supervisor) => supervisor.id),
    today,
  });
  const episodes: ReferenceEpisode[] = [];
  history.forEach((episode, position) => {
    const previous = episodes[position - 1];
    episodes.push({
      id: newId(),
      level: episode.level,
      startDate: episode.startDate,
      endDate: episode.endDate,
      endReason: episode.endReason,
      followsId: episode.follows && previous ? previous.id : null,
      openedByDecisionId: openedBy.get(position) ?? null,
    });
  });
  const firstDay =
    [episodes[0]?.startDate, assessments[0]?.assessment.assessedOn].filter((day): day is IsoDate => day !== undefined).sort()[0] ?? today;
  const open = episodes.at(-1)?.endDate === null ? episodes.at(-1) : undefined;
  return {
    id: caseId,
    mrn: `${SYNTHETIC_MRN_PREFIX}${String(index + 1).padStart(6, '0')}`,
    fullName,
    dateOfBirth: adultBy(person, addDays(today, -ageInDays), firstDay),
    program,
    payer,
    clinicianId: clinician?.id ?? null,
    status: quota.active ? 'active' : 'discharged',
    createdAt: at(firstDay, 8, person.int(0, 59)),
    episodes,
    assessments,
    decisions,
    attendance: open?.level === 'iop' ? syntheticIopAttendance(care, open.startDate, today, 3).map((session) => ({ id: newId(), ...session })) : [],
    authorization: open ? authorizationOf(care, newId, open, payer, today) : null,
  };
}

/** Everyone was an adult when first seen, however long ago that was. */
function adultBy(random: SeededRandom, dateOfBirth: IsoDate, firstDay: IsoDate): IsoDate {
  const latestAdultBirth = addDays(firstDay, -(18 * 365 + 5));
  return dateOfBirth <= latestAdultBirth ? dateOfBirth : addDays(latestAdultBirth, -random.int(0, 20 * 365));
}

function authorizationOf(
  random: SeededRandom,
  newId: () => string,
  open: ReferenceEpisode,
  payer: string | null,
  today: IsoDate,
): ReferenceCase['authorization'] {
  const authorization = syntheticAuthorization(random, open.level, open.startDate, today);
  return authorization ? { id: newId(), payer: payer ?? 'Demo Medicaid plan', ...authorization } : null;
}
