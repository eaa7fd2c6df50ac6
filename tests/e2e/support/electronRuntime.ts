import fs from 'node:fs';
import path from 'node:path';

/** What is missing when no runtime can start: its download, the binary it names, or a display to open a window on. */
export type MissingRuntimePart = 'download' | 'binary' | 'display';

export type ElectronRuntime =
  { readonly available: true; readonly executable: string } | { readonly available: false; readonly missing: MissingRuntimePart };

/**
 * Finds an installed Electron runtime without triggering its download: the electron npm package
 * fetches the binary lazily on first use, which this offline build machine cannot do.
 */
export function findElectronRuntime(): ElectronRuntime {
  const packageDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!fs.existsSync(pathFile) && !override) {
    return { available: false, missing: 'download' };
  }
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : 'electron';
  const executable = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  if (!fs.existsSync(executable)) {
    return { available: false, missing: 'binary' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY) {
    return { available: false, missing: 'display' };
  }
  return { available: true, executable };
}
