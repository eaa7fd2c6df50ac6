import { describe, expect, it } from 'vitest';
import type { ReadTextFile } from '../../../shared/cli/jsonFile';
import { runMetricsCli } from '../../../shared/metrics/cli';
import { episode, WORKED_EXAMPLE } from './episodeFactory';

function filesystem(files: Record<string, string>): ReadTextFile {
  return (path) => {
    const text = files[path];
    if (text !== undefined) return text;
    if (path === 'locked.json') throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  };
}

const run = (argv: string[], files: Record<string, string> = {}) => runMetricsCli(argv, filesystem(files));

function expectOneStderrLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('metrics CLI core', () => {
  it('prints the metrics as indented JSON and exits 0', () => {
    const result = run(['--', 'episodes.json'], { 'episodes.json': JSON.stringify(WORKED_EXAMPLE) });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout.endsWith('}\n')).toBe(true);
    const metrics = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(metrics)).toEqual(['transitions', 'lengthOfStay', 'continuityAfterInpatient', 'returnToHigherWithin30', 'dropoutRate']);
    expect(metrics.returnToHigherWithin30).toEqual({ n: 2, rate: 0.5 });
  });

  it('accepts a byte-order mark and an empty array', () => {
    const result = run(['e.json'], { 'e.json': '\uFEFF[]' });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      transitions: {},
      lengthOfStay: {},
      dropoutRate: { inpatient: null, iop: null, outpatient: null },
    });
  });

  it('prints field-level errors as one JSON line on stderr, nothing on stdout, and exits 1', () => {
    const items = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'x'),
      episode('A', 'iop', '2026-01-05'),
      { ...episode('B', 'iop', '2026-01-01'), level: 'rehab' },
    ];
    const result = run(['bad.json'], { 'bad.json': JSON.stringify(items) });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expectOneStderrLine(result.stderr);
    const { errors } = JSON.parse(result.stderr) as { errors: { index: number; field: string; message: string }[] };
    expect(errors.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 1, field: 'start' },
      { index: 2, field: 'level' },
    ]);
  });

  it.each([
    [['missing.json'], /^Cannot read "missing\.json": the file does not exist\.\n$/],
    [['locked.json'], /^Cannot read "locked\.json": permission denied\.\n$/],
    [['broken.json'], /^"broken\.json" is not valid JSON \(.+\)\.\n$/],
    [['object.json'], /^"object\.json" holds an object, not a JSON array of episodes\.\n$/],
    [['number.json'], /^"number\.json" holds a number, not a JSON array of episodes\.\n$/],
    [[], /^Give the episodes file to read\. Usage: npm run -s metrics -- <episodes\.json>\n$/],
    [['a.json', 'b.json'], /^Give exactly one episodes file \(got 2\)\./],
    [['--since', 'a.json'], /^Unknown option --since\./],
  ])('exits 2 with one stderr line and no stdout for %j', (argv, message) => {
    const result = run(argv, { 'broken.json': '[{"caseId": ', 'object.json': '{"caseId":"A"}', 'number.json': '42', 'a.json': '[]', 'b.json': '[]' });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expectOneStderrLine(result.stderr);
    expect(result.stderr).toMatch(message);
  });

  it('prints usage with the exit codes for --help and -h', () => {
    for (const flag of ['--help', '-h']) {
      const result = run([flag]);
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: npm run -s metrics -- <episodes\.json>/);
      expect(result.stdout).toContain('Exit codes');
    }
  });
});
