import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_ARTICLES, SEED_CRITERIA } from '../../../shared/rules/seedCriteria';

/** The seed articles are kept beside the checkout (../shared/seeds), not in the repository. */
const SEEDS_FOLDER = new URL('../../../../shared/seeds/', import.meta.url);
const seedsPresent = fs.existsSync(SEEDS_FOLDER);
/** A paraphrase may share at most this many consecutive words with an article. */
const RUN = 5;

/** Words in two readings, hyphens splitting ("co occurring") and joining ("longstanding"), so neither spelling hides a copy. */
function wordReadings(text: string): string[][] {
  const normal = text.toLowerCase().replace(/[’‘]/g, "'");
  return [normal.replace(/[-‐–—]/g, ' '), normal.replace(/[-‐–—]/g, '')].map((reading) => reading.match(/[a-z0-9']+/g) ?? []);
}

function runsOf(words: readonly string[]): string[] {
  return Array.from({ length: Math.max(0, words.length - RUN + 1) }, (_, index) => words.slice(index, index + RUN).join(' '));
}

// Skipped only when ../shared/seeds is missing beside the checkout (the articles are third-party text, never committed);
// CI and the developers' machines have it, so there the check runs. `seedsPresent` above is the condition.
describe.skipIf(!seedsPresent)('seed paraphrases are in our own words (needs the seed articles in ../shared/seeds)', () => {
  const articleRuns = new Set(
    SEED_ARTICLES.flatMap((article) => wordReadings(fs.readFileSync(new URL(article.file, SEEDS_FOLDER), 'utf8')).flatMap(runsOf)),
  );
  const copiedRuns = (text: string): string[] => [...new Set(wordReadings(text).flatMap(runsOf))].filter((run) => articleRuns.has(run));

  it('finds a copied run when there is one', () => {
    expect(copiedRuns('IOP participants live at home or in a supportive housing arrangement.')).toContain('live at home or in');
    expect(copiedRuns('People with long-standing or more severe addictions.')).toContain('longstanding or more severe addictions');
  });

  it(`copy no run of ${RUN} or more consecutive words from a seed article`, () => {
    const copied = SEED_CRITERIA.flatMap((criterion) => copiedRuns(criterion.paraphrase).map((run) => `${criterion.id}: "${run}"`));
    expect(copied, 'reword these paraphrases in our own words').toEqual([]);
  });
});
