// Runs Playwright; on Linux without a display, under xvfb-run so the Electron spec can open a window.
import { spawnSync } from 'node:child_process';

const args = ['playwright', 'test', ...process.argv.slice(2)];
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && hasXvfb;
const command = needsDisplay ? 'xvfb-run' : 'npx';
const commandArgs = needsDisplay ? ['-a', 'npx', ...args] : args;
const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
