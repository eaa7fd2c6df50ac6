import { SYNTHETIC_MRN_PREFIX } from '../domain/case';
import { addDays, type IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import type { Assessment } from '../rules/assessment';
import { syntheticAssessment } from './assessments';
import { seededRandom } from './random';

/**
 * A synthetic caseload for the demo, tests and benchmarks. Every record is invented:
 * MRNs carry the DEMO- prefix and rows are stored with the synthetic flag.
 */
export interface SyntheticCase {
  readonly mrn: string;
  readonly fullName: string;
  readonly dateOfBirth: IsoDate;
  readonly level: Level | null;
  readonly program: string;
  /** Days before `today` that the case was opened. */
  readonly openedDaysAgo: number;
}

export interface SyntheticCaseloadOptions {
  readonly seed: number;
  readonly count: number;
  readonly today: IsoDate;
}

export const FIRST_NAMES = [
  'Alex',
  'Jordan',
  'Sam',
  'Taylor',
  'Morgan',
  'Casey',
  'Riley',
  'Jamie',
  'Avery',
  'Quinn',
  'Maria',
  'James',
  'Aisha',
  'Wei',
  'Olga',
  'Diego',
  'Fatima',
  'Noah',
  'Grace',
  'Tomás',
  'Priya',
  'Kwame',
  'Hannah',
  'Luis',
  'Mei',
  'Omar',
  'Ruth',
  'Ivan',
  'Leila',
  'Pat',
] as const;

export const LAST_NAMES = [
  'Rivera',
  'Chen',
  'Okafor',
  'Novak',
  'Smith',
  'García',
  'Johnson',
  'Haddad',
  'Kim',
  'Walker',
  'Nguyen',
  'Brown',
  'Kowalski',
  'Mensah',
  'Lopez',
  'Schmidt',
  'Patel',
  'Ibrahim',
  'Murphy',
  'Rossi',
  'Andersen',
  'Tanaka',
  'Silva',
  'Cohen',
  'Baptiste',
  'Yilmaz',
  'Moreau',
  'Singh',
  'Wright',
  'Dubois',
] as const;

const PROGRAMS = ['Demo Riverside Clinic', 'Demo Northgate Recovery', 'Demo Hillview Residential'] as const;

const LEVEL_MIX: readonly (readonly [Level | null, number])[] = [
  ['outpatient', 45],
  ['iop', 30],
  ['inpatient', 20],
  [null, 5],
];

export function generateSyntheticCaseload(options: SyntheticCaseloadOptions): SyntheticCase[] {
  const random = seededRandom(options.seed);
  const cases: SyntheticCase[] = [];
  for (let index = 1; index <= options.count; index += 1) {
    const ageInDays = random.int(18 * 365 + 5, 75 * 365);
    cases.push({
      mrn: `${SYNTHETIC_MRN_PREFIX}${String(index).padStart(6, '0')}`,
      fullName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
      dateOfBirth: addDays(options.today, -ageInDays),
      level: random.weighted(LEVEL_MIX),
      program: random.pick(PROGRAMS),
      openedDaysAgo: random.int(0, 720),
    });
  }
  return cases;
}

const NEIGHBOURS: Readonly<Record<Level, readonly Level[]>> = {
  outpatient: ['iop'],
  iop: ['outpatient', 'inpatient'],
  inpatient: ['iop'],
};

/**
 * One assessment per case, drawn from its own random stream so the cases themselves do not change.
 * Most pictures match the case's current level; some point elsewhere (a step-up or step-down is due).
 */
export function generateSyntheticAssessments(cases: readonly SyntheticCase[], options: SyntheticCaseloadOptions): Assessment[] {
  const random = seededRandom(options.seed + 1);
  return cases.map((item, index) => {
    const placed = item.level;
    const target = placed === null ? random.weighted(LEVEL_MIX.filter((entry): entry is readonly [Level, number] => entry[0] !== null)) : placed;
    const drifted = placed !== null && random.chance(0.15) ? random.pick(NEIGHBOURS[placed]) : target;
    return syntheticAssessment(random, {
      id: `${SYNTHETIC_MRN_PREFIX}A-${String(index + 1).padStart(6, '0')}`,
      assessedOn: addDays(options.today, -random.int(0, Math.min(item.openedDaysAgo, 90))),
      currentLevel: placed ?? 'none',
      target: drifted,
    });
  });
}
