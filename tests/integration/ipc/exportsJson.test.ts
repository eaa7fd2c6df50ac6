import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { unwrapNoticeFile } from '../../../shared/exports/interchangeFile';
import { runMetricsCli } from '../../../shared/metrics/cli';
import { interchangeEpisodesSchema, parseEpisodes } from '../../../shared/metrics/episodeInterchange';
import { assessmentSchemaV1, parseAssessment } from '../../../shared/rules/assessment';
import { runEvaluateCli } from '../../../shared/rules/cli';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, type TestCore } from '../../support/testCore';
import { addClinicUsers } from '../support/caseFixture';
import { caseDetail, exportAs, lastSavedFile, seedExportCaseload, type ExportCaseload } from '../support/exportFixture';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const JITI_CLI = path.join(REPO, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let seeded: ExportCaseload;

beforeEach(async () => {
  temp = makeTempDir('stepwise-export-json-');
  core = await createTestCore(temp.dir);
  await addClinicUsers(core);
  seeded = await seedExportCaseload(core);
  await core.signInAs('dana', ['clinician']);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const exportJson = async (dataset: 'assessments' | 'episodes') => {
  expectOk(await exportAs(core, { dataset, format: 'json', scope: { kind: 'all' } }));
  const file = lastSavedFile(core);
  return { ...file, data: JSON.parse(file.content) as Record<string, unknown> };
};

/** Runs a CLI script in a real Node process, as `npm run -s <script> -- <file>` does. */
async function runScript(script: 'evaluate' | 'metrics', file: string): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [JITI_CLI, path.join(REPO, 'scripts', `${script}.ts`), file], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { exitCode, stdout, stderr };
}

describe('assessments as interchange JSON', () => {
  it('carry the notice first and items the CLI schema accepts as they are, named by MRN and date', async () => {
    const { name, content, data } = await exportJson('assessments');
    expect(name).toBe('stepwise-assessments-2026-11-29.json');
    expect(Object.keys(data)).toEqual(['notice', 'assessments']);
    expect(data.notice).toBe(REDISCLOSURE_NOTICE);
    expect(content.endsWith('\n')).toBe(true);
    const items = z.array(assessmentSchemaV1).parse(data.assessments);
    expect(items).toEqual(data.assessments);
    for (const item of items) expect(parseAssessment(item, '2026-11-29')).toEqual({ ok: true, assessment: item });
    expect(items.map((item) => item.id)).toEqual(['D-1001#2026-11-20', 'D-1001#2026-11-20#2', 'D-1002#2026-11-20']);
    expect(unwrapNoticeFile(data, 'assessments')).toBe(data.assessments);
  });

  it('evaluate, through the CLI, to the recommendations Stepwise stored', async () => {
    const { content } = await exportJson('assessments');
    const outcome = runEvaluateCli(['a.json'], () => content, '2026-11-29');
    expect(outcome).toMatchObject({ exitCode: 0, stderr: '' });
    const outputs = JSON.parse(outcome.stdout) as { id: string; level: string | null; ruleIds: string[] }[];
    const stored = [...(await caseDetail(core, seeded.zoe.caseId)).assessments].reverse();
    stored.push(...(await caseDetail(core, seeded.formula.caseId)).assessments);
    expect(outputs.map((output) => [output.level, output.ruleIds])).toEqual(
      stored.map((record) => [record.recommendation.level, record.recommendation.ruleIds]),
    );

    const file = path.join(temp.dir, 'exported-assessments.json');
    fs.writeFileSync(file, content);
    const real = await runScript('evaluate', file);
    expect(real).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(real.stdout)).toEqual(JSON.parse(outcome.stdout));
  });
});

describe('episodes as interchange JSON', () => {
  it('carry the notice first and items the metrics schema accepts as they are, the case named by its MRN', async () => {
    const { name, data } = await exportJson('episodes');
    expect(name).toBe('stepwise-episodes-2026-11-29.json');
    expect(Object.keys(data)).toEqual(['notice', 'episodes']);
    expect(data.notice).toBe(REDISCLOSURE_NOTICE);
    expect(interchangeEpisodesSchema.parse(data.episodes)).toEqual(data.episodes);
    expect(parseEpisodes(data.episodes as unknown[])).toMatchObject({ ok: true });
    expect(data.episodes).toEqual([
      { caseId: 'D-1001', level: 'iop', start: '2026-11-02', end: '2026-11-25', endReason: 'stepped-down' },
      { caseId: 'D-1001', level: 'outpatient', start: '2026-11-25', end: null, endReason: null },
      { caseId: 'D-1002', level: 'iop', start: '2026-11-02', end: null, endReason: null },
    ]);
  });

  it('give the metrics CLI what it needs, as the pure CLI and as the real script', async () => {
    const { content } = await exportJson('episodes');
    const outcome = runMetricsCli(['e.json'], () => content);
    expect(outcome).toMatchObject({ exitCode: 0, stderr: '' });
    const metrics = JSON.parse(outcome.stdout) as { transitions: unknown };
    expect(JSON.stringify(metrics.transitions)).toContain('outpatient');

    const file = path.join(temp.dir, 'exported-episodes.json');
    fs.writeFileSync(file, content);
    const real = await runScript('metrics', file);
    expect(real).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(real.stdout)).toEqual(metrics);
  });

  it('are not written when a stored history breaks the format: the case is named and nothing is saved', async () => {
    // Only a damaged database can hold this: the app never writes overlapping episodes.
    core.database.sqlite.prepare("UPDATE episodes SET start_date = '2026-11-20' WHERE case_id = ? AND level = 'outpatient'").run(seeded.zoe.caseId);
    const result = await exportAs(core, { dataset: 'episodes', format: 'json', scope: { kind: 'all' } });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringMatching(
          /^The episodes of MRN D-1001 cannot be exported: The episode starting 2026-11-20 overlaps .* Nothing was saved\.$/,
        ) as unknown,
      },
    });
    expect(core.savedFiles).toEqual([]);
  });
});
