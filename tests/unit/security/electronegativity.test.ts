import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// scripts/electronegativity.mjs gates `npm test` on Electronegativity's findings. These cases run it on
// small made-up apps, so a check that silently found nothing (a tool that no longer parses, an exception
// list that swallows everything) would show up here rather than pass unnoticed.
const SCRIPT = fileURLToPath(new URL('../../../scripts/electronegativity.mjs', import.meta.url));
const TIMEOUT = 60_000;

const INSECURE_MAIN = `const { app, BrowserWindow } = require('electron');
app.whenReady().then(() => {
  const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
  window.loadURL('https://example.com/');
});
`;

const HARDENED_MAIN = `const { app, BrowserWindow, session } = require('electron');
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'"] } });
  });
  app.on('web-contents-created', (event, contents) => {
    contents.on('will-navigate', (navigation) => navigation.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  const window = new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
  window.loadURL('app://local/index.html');
});
`;

interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-eng-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

let counter = 0;
function fixture(files: Record<string, string>): string {
  const dir = path.join(temp, `app-${(counter += 1)}`);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function scan(dir: string, exceptions: unknown) {
  const exceptionsFile = path.join(dir, '..', `${path.basename(dir)}-exceptions.json`);
  const reportFile = path.join(dir, '..', `${path.basename(dir)}-report.json`);
  fs.writeFileSync(exceptionsFile, JSON.stringify(exceptions));
  const result = spawnSync(process.execPath, [SCRIPT, '--input', dir, '--exceptions', exceptionsFile, '--report', reportFile, '--no-csp'], {
    encoding: 'utf8',
    timeout: TIMEOUT,
  });
  const report = fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { findings: Finding[] }) : { findings: [] };
  return { status: result.status, output: `${result.stdout}${result.stderr}`, findings: report.findings };
}

const gated = (findings: Finding[]) => findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const exceptionFor = (f: Finding) => ({
  check: f.check,
  file: f.file,
  line: f.line,
  severity: f.severity,
  compensatingControl: 'A control named here for the test, with the code and the test that prove it.',
});

describe('scripts/electronegativity.mjs', () => {
  it(
    'fails on an insecure window, naming each check, file and line',
    () => {
      const { status, output, findings } = scan(fixture({ 'main.js': INSECURE_MAIN }), []);
      expect(status).toBe(1);
      const checks = gated(findings).map((f) => f.check);
      expect(checks).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK']));
      expect(checks).toEqual(
        expect.arrayContaining(['CSP_GLOBAL_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']),
      );
      expect(output).toContain('HIGH FIRM CONTEXT_ISOLATION_JS_CHECK at main.js:3');
      expect(output).toContain('Electron security check FAILED');
    },
    TIMEOUT,
  );

  it(
    'passes a hardened window with no exception at all',
    () => {
      const { status, output, findings } = scan(fixture({ 'main.js': HARDENED_MAIN }), []);
      expect(gated(findings)).toEqual([]);
      expect(output).toContain('Electron security check passed.');
      expect(status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'passes only when every HIGH and MEDIUM finding has its own exception, and then fails on an exception left over',
    () => {
      const dir = fixture({ 'main.js': INSECURE_MAIN });
      const { findings } = scan(dir, []);
      const all = gated(findings).map(exceptionFor);
      expect(all.length).toBeGreaterThan(3);

      const excepted = scan(dir, all);
      expect(excepted.output).toContain(`${all.length} excepted, 0 failing`);
      expect(excepted.status).toBe(0);

      const oneMissing = scan(dir, all.slice(1));
      expect(oneMissing.status).toBe(1);
      expect(oneMissing.output).toContain(`${all[0]!.check} at ${all[0]!.file}:${all[0]!.line}`);

      const stale = scan(dir, [...all, { ...all[0]!, line: 999 }]);
      expect(stale.status).toBe(1);
      expect(stale.output).toContain(`stale exception: ${all[0]!.check} at ${all[0]!.file}:999`);
    },
    TIMEOUT * 4,
  );

  it(
    'refuses an exception without a real compensating control, and a file it cannot parse',
    () => {
      const dir = fixture({ 'main.js': HARDENED_MAIN, 'broken.ts': 'export const = ;\n' });
      const { status, output } = scan(dir, [
        { check: 'SANDBOX_JS_CHECK', file: 'main.js', line: 11, severity: 'MEDIUM', compensatingControl: 'fine' },
      ]);
      expect(status).toBe(1);
      expect(output).toContain('"compensatingControl" must say');
      expect(output).toContain('could not parse broken.ts');
    },
    TIMEOUT,
  );
});
