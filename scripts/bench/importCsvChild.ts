// Writes the import job's CSV file in a process of its own: generating 100,000 cases in the job's process grew its
// heap before the app's path ran, and memory.peak judges the app, not the bench.
import { writeImportCsv } from './importCases';

const [file, seed, cases, today] = process.argv.slice(2);
if (!file || !seed || !cases || !today) throw new Error('usage: importCsvChild <file> <seed> <cases> <today>');
writeImportCsv(file, { seed: Number(seed), cases: Number(cases), today });
