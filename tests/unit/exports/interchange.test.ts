import { describe, expect, it } from 'vitest';
import type { EpisodeRecord } from '../../../shared/contract/caseDetail';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { assessmentExportIds, interchangeAssessment, interchangeEpisode } from '../../../shared/exports/interchangeExport';
import { unwrapNoticeFile, wrapWithNotice } from '../../../shared/exports/interchangeFile';
import { interchangeEpisodesSchema } from '../../../shared/metrics/episodeInterchange';
import { runMetricsCli } from '../../../shared/metrics/cli';
import { assessmentSchemaV1 } from '../../../shared/rules/assessment';
import { runEvaluateCli } from '../../../shared/rules/cli';
import { makeAssessment } from '../rules/assessmentFactory';

const oneFile = (name: string, text: string) => (path: string) => {
  if (path !== name) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return text;
};

describe('export ids of assessments', () => {
  it('are the MRN and the date, numbered from the second of a case on one day in the order recorded', () => {
    const ids = assessmentExportIds([
      { id: 'x3', mrn: 'A-17', assessedOn: '2026-03-04', createdAt: '2026-03-04T15:00:00Z' },
      { id: 'x1', mrn: 'A-17', assessedOn: '2026-03-04', createdAt: '2026-03-04T09:00:00Z' },
      { id: 'x2', mrn: 'A-17', assessedOn: '2026-02-01', createdAt: '2026-02-01T09:00:00Z' },
      { id: 'y1', mrn: 'B/9', assessedOn: '2026-03-04', createdAt: '2026-03-04T09:00:00Z' },
    ]);
    expect(Object.fromEntries(ids)).toEqual({ x1: 'A-17#2026-03-04', x3: 'A-17#2026-03-04#2', x2: 'A-17#2026-02-01', y1: 'B/9#2026-03-04' });
  });
});

describe('interchange items', () => {
  it('keep a stored assessment as it is, under its export id', () => {
    const stored = makeAssessment({ id: 'internal-uuid', severity: 'severe' });
    const item = interchangeAssessment('A-17#2026-03-04', stored);
    expect(item).toEqual({ ...stored, id: 'A-17#2026-03-04' });
    expect(Object.keys(item)[0]).toBe('id');
    expect(assessmentSchemaV1.parse(item)).toEqual(item);
  });

  it('name an episode by its case MRN', () => {
    const episode: EpisodeRecord = {
      id: 'e1',
      level: 'iop',
      startDate: '2026-01-02',
      endDate: '2026-02-01',
      endReason: 'stepped-down',
      openedByDecisionId: null,
      followsId: null,
    };
    const item = interchangeEpisode('A-17', episode);
    expect(item).toEqual({ caseId: 'A-17', level: 'iop', start: '2026-01-02', end: '2026-02-01', endReason: 'stepped-down' });
    expect(interchangeEpisodesSchema.parse([item])).toEqual([item]);
  });
});

describe('the notice wrapper', () => {
  it('puts the notice first and the list second', () => {
    const wrapped = wrapWithNotice('episodes', [1, 2]);
    expect(JSON.stringify(wrapped)).toBe(`{"notice":${JSON.stringify(REDISCLOSURE_NOTICE)},"episodes":[1,2]}`);
    expect(unwrapNoticeFile(wrapped, 'episodes')).toEqual([1, 2]);
  });

  it.each([
    ['a bare array', [1]],
    ['the other list', { notice: 'n', assessments: [1] }],
    ['a wrapper with a third key', { notice: 'n', episodes: [1], extra: true }],
    ['a notice that is not text', { notice: 1, episodes: [1] }],
    ['a list that is not an array', { notice: 'n', episodes: {} }],
    ['the list alone', { episodes: [1] }],
    ['null', null],
    ['an episode object', { caseId: 'A', level: 'iop', start: '2026-01-01' }],
  ])('leaves %s as it is', (_what, data) => {
    expect(unwrapNoticeFile(data, 'episodes')).toBe(data);
  });

  it('is read by the evaluate CLI as the array inside, and the bare array still works', () => {
    const items = [makeAssessment({ id: 'A-1#2026-03-01' }), makeAssessment({ id: 'A-2#2026-03-01', severity: 'moderate', currentLevel: 'iop' })];
    const wrapped = runEvaluateCli(['a.json'], oneFile('a.json', JSON.stringify(wrapWithNotice('assessments', items))), '2026-06-01');
    const bare = runEvaluateCli(['a.json'], oneFile('a.json', JSON.stringify(items)), '2026-06-01');
    expect(wrapped).toEqual(bare);
    expect(wrapped.exitCode).toBe(0);
    expect((JSON.parse(wrapped.stdout) as { id: string }[]).map((output) => output.id)).toEqual(['A-1#2026-03-01', 'A-2#2026-03-01']);
  });

  it('is read by the metrics CLI as the array inside; other objects are still refused with exit 2', () => {
    const items = [{ caseId: 'A-1', level: 'inpatient', start: '2026-01-01', end: '2026-01-10', endReason: 'stepped-down' }];
    const wrapped = runMetricsCli(['e.json'], oneFile('e.json', JSON.stringify(wrapWithNotice('episodes', items))));
    expect(wrapped).toEqual(runMetricsCli(['e.json'], oneFile('e.json', JSON.stringify(items))));
    expect(wrapped.exitCode).toBe(0);
    const other = runMetricsCli(['e.json'], oneFile('e.json', JSON.stringify({ episodes: items })));
    expect(other).toMatchObject({ exitCode: 2, stdout: '', stderr: '"e.json" holds an object, not a JSON array of episodes.\n' });
  });
});
