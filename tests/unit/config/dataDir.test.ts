import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR_ENV, DATA_DIR_FLAG, type DataDirResolution, resolveDataDir } from '../../../electron/config/dataDir';

const CWD = path.resolve(os.tmpdir(), 'stepwise-cwd');
const DEFAULT_DIR = path.resolve(os.tmpdir(), 'stepwise-default');
const FLAG_DIR = path.resolve(os.tmpdir(), 'from-flag');
const ENV_DIR = path.resolve(os.tmpdir(), 'from-env');
const APP_ARGV = ['/opt/Stepwise/stepwise', '.'];

function resolveWith(argv: readonly string[], env: Record<string, string | undefined> = {}): DataDirResolution {
  return resolveDataDir([...APP_ARGV, ...argv], env, DEFAULT_DIR, CWD);
}

function expectError(resolution: DataDirResolution): string {
  expect(resolution.ok).toBe(false);
  if (resolution.ok) return '';
  expect(resolution.message).toContain('--data-dir');
  return resolution.message;
}

describe('resolveDataDir: names', () => {
  it('uses the documented flag and environment variable', () => {
    expect(DATA_DIR_FLAG).toBe('--data-dir');
    expect(DATA_DIR_ENV).toBe('STEPWISE_DATA_DIR');
  });
});

describe('resolveDataDir: the flag', () => {
  it('reads --data-dir <path>', () => {
    expect(resolveWith(['--data-dir', FLAG_DIR])).toEqual({ ok: true, dataDir: FLAG_DIR, source: 'flag' });
  });

  it('reads --data-dir=<path>', () => {
    expect(resolveWith([`--data-dir=${FLAG_DIR}`])).toEqual({ ok: true, dataDir: FLAG_DIR, source: 'flag' });
  });

  it('resolves a relative path against the working folder', () => {
    expect(resolveWith(['--data-dir', 'data'])).toEqual({ ok: true, dataDir: path.join(CWD, 'data'), source: 'flag' });
    expect(resolveWith(['--data-dir=../shared/data'])).toEqual({ ok: true, dataDir: path.resolve(CWD, '..', 'shared', 'data'), source: 'flag' });
    expect(resolveWith(['--data-dir', '.'])).toEqual({ ok: true, dataDir: CWD, source: 'flag' });
  });

  it('normalises an absolute path', () => {
    const messy = `${FLAG_DIR}${path.sep}sub${path.sep}..${path.sep}`;
    expect(resolveWith(['--data-dir', messy])).toEqual({ ok: true, dataDir: FLAG_DIR, source: 'flag' });
  });

  it('keeps an equals sign inside the value', () => {
    expect(resolveWith(['--data-dir=a=b'])).toEqual({ ok: true, dataDir: path.join(CWD, 'a=b'), source: 'flag' });
  });

  it('finds the flag among other arguments', () => {
    expect(resolveWith(['--enable-logging', '--inspect=9229', '--data-dir', FLAG_DIR, '--no-sandbox-warning'])).toMatchObject({
      dataDir: FLAG_DIR,
      source: 'flag',
    });
  });

  it('uses the first --data-dir when given twice', () => {
    expect(resolveWith(['--data-dir', FLAG_DIR, '--data-dir', ENV_DIR])).toMatchObject({ dataDir: FLAG_DIR });
  });

  it('ignores look-alike flags', () => {
    expect(resolveWith(['--data-directory=/elsewhere', '--data-dirs', '/elsewhere', '-data-dir', '/elsewhere', 'data-dir=/elsewhere'])).toEqual({
      ok: true,
      dataDir: DEFAULT_DIR,
      source: 'default',
    });
  });

  it('accepts paths with spaces', () => {
    expect(resolveWith(['--data-dir', 'My Data'])).toMatchObject({ ok: true, dataDir: path.join(CWD, 'My Data') });
  });
});

describe('resolveDataDir: precedence', () => {
  it('prefers the flag over the environment', () => {
    expect(resolveWith(['--data-dir', FLAG_DIR], { STEPWISE_DATA_DIR: ENV_DIR })).toEqual({ ok: true, dataDir: FLAG_DIR, source: 'flag' });
  });

  it('prefers the environment over the default', () => {
    expect(resolveWith([], { STEPWISE_DATA_DIR: ENV_DIR })).toEqual({ ok: true, dataDir: ENV_DIR, source: 'env' });
  });

  it('resolves a relative environment value against the working folder', () => {
    expect(resolveWith([], { STEPWISE_DATA_DIR: 'env-data' })).toEqual({ ok: true, dataDir: path.join(CWD, 'env-data'), source: 'env' });
  });

  it('falls back to the default folder, returned unchanged', () => {
    expect(resolveWith([])).toEqual({ ok: true, dataDir: DEFAULT_DIR, source: 'default' });
    expect(resolveDataDir([], {}, 'relative-default', CWD)).toEqual({ ok: true, dataDir: 'relative-default', source: 'default' });
  });

  it.each(['', ' ', '\t\n'])('ignores an empty environment value %j', (value) => {
    expect(resolveWith([], { STEPWISE_DATA_DIR: value })).toEqual({ ok: true, dataDir: DEFAULT_DIR, source: 'default' });
  });

  it('ignores other environment variables', () => {
    expect(resolveWith([], { DATA_DIR: ENV_DIR, stepwise_data_dir: ENV_DIR, HOME: ENV_DIR })).toMatchObject({ source: 'default' });
  });

  it('uses the process working folder when none is given', () => {
    expect(resolveDataDir(['--data-dir', 'rel'], {}, DEFAULT_DIR)).toEqual({ ok: true, dataDir: path.resolve(process.cwd(), 'rel'), source: 'flag' });
  });
});

describe('resolveDataDir: errors', () => {
  it('reports a flag with no value at the end of the arguments', () => {
    expect(expectError(resolveWith(['--data-dir']))).toMatch(/needs a folder/);
  });

  it.each(['--inspect', '--data-dir', '--'])('reports a flag whose next argument is another flag (%s)', (next) => {
    expect(expectError(resolveWith(['--data-dir', next, FLAG_DIR]))).toMatch(/needs a folder/);
  });

  it('reports an empty --data-dir=', () => {
    expect(expectError(resolveWith(['--data-dir=']))).toMatch(/empty/);
  });

  it.each(['', '   ', '\t'])('reports a blank value %j after --data-dir', (value) => {
    expect(expectError(resolveWith(['--data-dir', value]))).toMatch(/empty/);
    expect(expectError(resolveWith([`--data-dir=${value}`]))).toMatch(/empty/);
  });

  it('reports a bad flag even when the environment has a folder', () => {
    expectError(resolveWith(['--data-dir'], { STEPWISE_DATA_DIR: ENV_DIR }));
    expectError(resolveWith(['--data-dir='], { STEPWISE_DATA_DIR: ENV_DIR }));
  });
});
