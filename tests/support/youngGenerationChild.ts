// Allocates objects that live through collections, as a large import's rows do, and prints the size of V8's young
// generation before and after: with `keep`, from the moment the app's start-up setting is made; without, at V8's
// default. (Loading this file through jiti may already have grown it; only what happens after the setting counts.)
import v8 from 'node:v8';
import { keepYoungGenerationSmall } from '../../electron/core/youngGeneration';

const newSpaceBytes = (): number => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? -1;

if (process.argv[2] === 'keep') keepYoungGenerationSmall();
const before = newSpaceBytes();
const kept: { readonly n: number; readonly text: string }[] = [];
for (let n = 0; n < 2_000_000; n += 1) {
  kept.push({ n, text: `row ${n}` });
  if (kept.length > 300_000) kept.splice(0, 150_000);
}
process.stdout.write(`${JSON.stringify({ before, after: newSpaceBytes(), kept: kept.length })}\n`);
