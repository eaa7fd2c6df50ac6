import fs from 'node:fs';
import path from 'node:path';

export type ElectronRuntime = { readonly available: true; readonly executable: string } | { readonly available: false; readonly reason: string };

/**
 * Finds an installed Electron runtime without triggering its download: the electron npm package
 * fetches the binary lazily on first use, which this offline build machine cannot do.
 */
export function findElectronRuntime(): ElectronRuntime {
  const packageDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!fs.existsSync(pathFile) && !override) {
    return {
      available: false,
      reason:
        'no Electron runtime is installed (node_modules/electron has not downloaded its binary, and this machine cannot reach ' +
        "Electron's download host); on a machine with internet, `npx install-electron` or `npm start` installs it and this spec runs",
    };
  }
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : 'electron';
  const executable = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  if (!fs.existsSync(executable)) {
    return { available: false, reason: `the Electron runtime recorded in node_modules/electron is missing (${executable})` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY) {
    return { available: false, reason: 'there is no display; run the end-to-end tests with `npm run test:e2e`, which starts Xvfb' };
  }
  return { available: true, executable };
}
