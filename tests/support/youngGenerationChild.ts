// Allocates objects that live through collections, as a large import's rows do, and prints how large V8's young
// generation grew: with `keep`, after the app's start-up setting; without, at V8's default.
import v8 from 'node:v8';
import { keepYoungGenerationSmall } from '../../electron/core/youngGeneration';

if (process.argv[2] === 'keep') keepYoungGenerationSmall();
const kept: { readonly n: number; readonly text: string }[] = [];
for (let n = 0; n < 2_000_000; n += 1) {
  kept.push({ n, text: `row ${n}` });
  if (kept.length > 300_000) kept.splice(0, 150_000);
}
const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
process.stdout.write(`${JSON.stringify({ newSpaceBytes: newSpace?.space_size ?? -1, kept: kept.length })}\n`);
