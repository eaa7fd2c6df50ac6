import { addDays } from '../domain/dates';
import { levelRank, type Level } from '../domain/levels';
import type { InterchangeEpisode } from '../metrics/episodeInterchange';
import { seededRandom, type SeededRandom } from './random';

/**
 * Invented care histories in the episode interchange format, for the metrics benchmark and property tests:
 * admissions at any level, step-downs and step-ups (mostly the same day, sometimes after a gap), discharges,
 * dropouts, transfers, deaths and readmissions after a gap. Every history is valid: no two episodes of a case
 * overlap and no episode ends before it starts. About three episodes per case.
 */
export function syntheticEpisodes(count: number, seed = 2026): InterchangeEpisode[] {
  const random = seededRandom(seed);
  const episodes: InterchangeEpisode[] = [];
  for (let caseNumber = 0; episodes.length < count; caseNumber += 1) {
    for (const episode of caseHistory(random, `S-${caseNumber}`)) {
      if (episodes.length === count) break;
      episodes.push(episode);
    }
  }
  return episodes;
}

const FIRST_DAY = '2018-01-01';
/** Admissions spread over about eight and a half years from FIRST_DAY. */
const ADMISSION_SPREAD_DAYS = 3100;

const ADMISSION_LEVELS: readonly (readonly [Level, number])[] = [
  ['inpatient', 4],
  ['iop', 3],
  ['outpatient', 3],
];

/** Usual length of stay in days by level, [shortest, longest]; one stay in ten may run up to three times longer. */
const STAY_DAYS: Readonly<Record<Level, readonly [number, number]>> = {
  inpatient: [1, 35],
  iop: [10, 90],
  outpatient: [20, 240],
};

type Next = 'lower' | 'higher' | 'discharge' | 'dropout' | 'transfer' | 'death' | 'other-end' | 'open';

const NEXT_BY_LEVEL: Readonly<Record<Level, readonly (readonly [Next, number])[]>> = {
  inpatient: [
    ['lower', 60],
    ['discharge', 10],
    ['dropout', 12],
    ['transfer', 5],
    ['death', 1],
    ['other-end', 4],
    ['open', 4],
  ],
  iop: [
    ['lower', 45],
    ['higher', 10],
    ['discharge', 12],
    ['dropout', 15],
    ['transfer', 3],
    ['death', 0.5],
    ['other-end', 4],
    ['open', 6],
  ],
  outpatient: [
    ['higher', 12],
    ['discharge', 40],
    ['dropout', 20],
    ['transfer', 3],
    ['death', 0.5],
    ['other-end', 5],
    ['open', 10],
  ],
};

const OTHER_END_REASONS = ['administrative-discharge', 'incarcerated', 'other'] as const;

function caseHistory(random: SeededRandom, caseId: string): InterchangeEpisode[] {
  const history: InterchangeEpisode[] = [];
  let level = random.weighted(ADMISSION_LEVELS);
  let day = random.int(0, ADMISSION_SPREAD_DAYS);
  let steppedDown = false;
  for (let admissions = 0; history.length < 12;) {
    const [shortest, longest] = STAY_DAYS[level];
    // Some step-downs do not hold: the person is back at a higher level within weeks.
    const relapse: boolean = steppedDown && random.chance(0.12);
    // One stay in twenty is zero-length (a same-day correction or move); a few run three times as long.
    const stay = random.chance(0.05) ? 0 : relapse ? random.int(1, 25) : random.int(shortest, random.chance(0.1) ? longest * 3 : longest);
    const next: Next = relapse ? 'higher' : random.weighted(NEXT_BY_LEVEL[level]);
    const start = addDays(FIRST_DAY, day);
    if (next === 'open') {
      history.push({ caseId, level, start, end: null, endReason: null });
      break;
    }
    const end = day + stay;
    history.push({ caseId, level, start, end: addDays(FIRST_DAY, end), endReason: endReason(random, level, next) });
    if (next === 'lower' || next === 'higher') {
      level = moveLevel(random, level, next);
      steppedDown = next === 'lower';
      // Most moves are same-day; some wait for a slot.
      day = end + (random.chance(0.7) ? 0 : random.int(1, 20));
      continue;
    }
    admissions += 1;
    // After death nobody returns; after other endings about half are readmitted, days to years later.
    if (next === 'death' || admissions > 4 || !random.chance(0.5)) break;
    level = random.weighted(ADMISSION_LEVELS);
    steppedDown = false;
    day = end + random.int(1, 600);
  }
  return history;
}

function endReason(random: SeededRandom, level: Level, next: Exclude<Next, 'open'>): string {
  switch (next) {
    case 'lower':
      return 'stepped-down';
    case 'higher':
      return 'stepped-up';
    case 'discharge':
      return level === 'outpatient' || random.chance(0.5) ? 'completed' : 'administrative-discharge';
    case 'dropout':
      return 'dropped-out';
    case 'transfer':
      return 'transferred';
    case 'death':
      return 'died';
    case 'other-end':
      return random.pick(OTHER_END_REASONS);
  }
}

function moveLevel(random: SeededRandom, level: Level, direction: 'lower' | 'higher'): Level {
  const rank = levelRank(level);
  if (direction === 'higher') return rank === 0 && random.chance(0.7) ? 'iop' : 'inpatient';
  return rank === 2 && random.chance(0.75) ? 'iop' : 'outpatient';
}
