import path from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'STEPWISE_DATA_DIR';

export type DataDirResolution =
  { readonly ok: true; readonly dataDir: string; readonly source: 'flag' | 'env' | 'default' } | { readonly ok: false; readonly message: string };

/** Where the database lives: --data-dir <path> (or --data-dir=<path>), then STEPWISE_DATA_DIR, then the default. */
export function resolveDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDir: string,
  cwd: string = process.cwd(),
): DataDirResolution {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    let value: string | undefined;
    if (arg === DATA_DIR_FLAG) {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) {
        return { ok: false, message: `${DATA_DIR_FLAG} needs a folder, for example ${DATA_DIR_FLAG} /path/to/stepwise-data.` };
      }
    } else if (arg.startsWith(`${DATA_DIR_FLAG}=`)) {
      value = arg.slice(DATA_DIR_FLAG.length + 1);
    } else {
      continue;
    }
    if (value.trim() === '') return { ok: false, message: `${DATA_DIR_FLAG} was given an empty folder name.` };
    return { ok: true, dataDir: path.resolve(cwd, value), source: 'flag' };
  }
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { ok: true, dataDir: path.resolve(cwd, fromEnv), source: 'env' };
  return { ok: true, dataDir: defaultDir, source: 'default' };
}
