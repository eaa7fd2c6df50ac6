import { describe, expect, it } from 'vitest';
import { runEvaluateCli, type ReadTextFile } from '../../../shared/rules/cli';
import { RULESETS } from '../../../shared/rules/registry';
import type { Ruleset } from '../../../shared/rules/rule';
import { STRICTER_RELAPSE } from '../../factories/rulesets';
import { makeAssessment } from './assessmentFactory';

const TODAY = '2026-06-01';

function filesystem(files: Record<string, string>): ReadTextFile {
  return (path) => {
    const text = files[path];
    if (text !== undefined) return text;
    if (path === 'locked.json') throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  };
}

const outpatient = makeAssessment({ id: 'A-1' });
const moderate = makeAssessment({ id: 'A-2', severity: 'moderate', currentLevel: 'iop', weeklyTreatmentHours: 6 });
const run = (argv: string[], files: Record<string, string>, rulesets?: readonly Ruleset[]) =>
  runEvaluateCli(argv, filesystem(files), TODAY, rulesets);

function expectOneStderrLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('evaluate CLI', () => {
  it('prints the JSON array of outputs and nothing else', () => {
    const result = run(['cases.json'], { 'cases.json': JSON.stringify([outpatient, moderate]) });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const outputs = JSON.parse(result.stdout) as { id: string; level: string; warnings: string[] }[];
    expect(outputs.map(({ id, level }) => [id, level])).toEqual([
      ['A-1', 'outpatient'],
      ['A-2', 'iop'],
    ]);
    expect(outputs[1]?.warnings).toHaveLength(1);
  });

  it('accepts one object and still prints an array', () => {
    const result = run(['one.json'], { 'one.json': `\uFEFF${JSON.stringify(outpatient)}` });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it('prints an empty array for an empty file list', () => {
    expect(run(['empty.json'], { 'empty.json': '[]' })).toEqual({ stdout: '[]\n', stderr: '', exitCode: 0 });
  });

  it('puts a field error in the slot of an invalid item, evaluates the others and exits 1', () => {
    const invalid = { ...outpatient, id: 'A-bad', dimensions: { withdrawal: 7 } };
    const result = run(['mixed.json'], { 'mixed.json': JSON.stringify([outpatient, invalid, 'not an object', moderate]) });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    const outputs = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(outputs).toHaveLength(4);
    expect(outputs[0]).toMatchObject({ id: 'A-1', level: 'outpatient' });
    expect(outputs[1]).toEqual({
      id: 'A-bad',
      error: { field: 'dimensions.withdrawal', message: expect.stringContaining('whole number') as unknown },
    });
    expect(outputs[2]).toEqual({ error: { field: 'assessment', message: 'Each assessment must be a JSON object.' } });
    expect(outputs[3]).toMatchObject({ id: 'A-2', level: 'iop' });
  });

  it.each([
    ['a missing file', ['absent.json'], /^Cannot read "absent.json": the file does not exist\.$/],
    ['an unreadable file', ['locked.json'], /^Cannot read "locked.json": permission denied\.$/],
    ['text that is not JSON', ['broken.json'], /^"broken.json" is not valid JSON \(.+\)\.$/],
    ['no file argument', [], /^Give the assessments file to evaluate\. Usage: /],
    ['two file arguments', ['a.json', 'b.json'], /^Give exactly one assessments file \(got 2\)/],
    ['an unknown option', ['--fast', 'a.json'], /^Unknown option --fast\./],
    ['an option without its value', ['a.json', '--ruleset'], /^The option --ruleset needs a ruleset version\./],
    ['an unreleased ruleset', ['--ruleset', '1999.1', 'a.json'], /^Ruleset version "1999.1" is not released; known versions: 2026\.1\.$/],
  ])('exits 2 with one line on stderr for %s', (_what, argv, message) => {
    const result = run(argv, { 'broken.json': 'nope\n[{"id": ', 'a.json': '[]', 'b.json': '[]' });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expectOneStderrLine(result.stderr);
    expect(result.stderr.trimEnd()).toMatch(message);
  });

  it('evaluates under a named released version', () => {
    const result = run(['--ruleset=2026.1', '--', 'cases.json'], { 'cases.json': JSON.stringify([moderate]) });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ rulesetVersion: '2026.1' }]);
  });

  it('shows usage on --help', () => {
    expect(run(['--help'], {})).toMatchObject({ exitCode: 0, stderr: '', stdout: expect.stringMatching(/^Usage: npm run -s evaluate/) as unknown });
  });

  it('lists the cases whose level would change under another version with --impact', () => {
    const relapse3 = makeAssessment({ id: 'A-3', severity: 'moderate', dimensions: { relapse: 3 } });
    const files = { 'cases.json': JSON.stringify([outpatient, relapse3, { id: 'A-bad' }]) };
    const result = run(['--impact', '2099.1-test', 'cases.json'], files, [...RULESETS, STRICTER_RELAPSE]);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      fromVersion: '2026.1',
      targetVersion: '2099.1-test',
      evaluated: 2,
      changes: [
        {
          caseId: 'A-3',
          assessmentId: 'A-3',
          from: { rulesetVersion: '2026.1', level: 'iop' },
          to: {
            rulesetVersion: '2099.1-test',
            level: 'inpatient',
            transition: 'admit',
            ruleIds: ['INP-RELAPSE-HIGH'],
            reasons: ['Relapse risk is rated 3 or higher.'],
          },
        },
      ],
      rejected: [{ index: 2, error: { field: 'assessedOn', message: 'Enter the assessment date.' } }],
    });
    const unknownTarget = run(['--impact', '2099.1-test', 'cases.json'], files);
    expect(unknownTarget.exitCode).toBe(2);
    expectOneStderrLine(unknownTarget.stderr);
  });
});
