// Runs Doyensec's Electronegativity over the app's TypeScript sources and fails (exit 1) on any HIGH or
// MEDIUM finding, whatever its confidence, that build/electronegativity-exceptions.json does not name by
// check, file and line. Also fails on an exception that no longer matches a finding, on a source file the
// tool could not parse, and on a HIGH or MEDIUM weakness that the tool's CSP evaluator finds in the
// policy of electron/security/csp.ts. See docs/SECURITY-CHECKS.md.
//
//   node scripts/electronegativity.mjs                  the project (what `npm run check:electron` runs)
//   node scripts/electronegativity.mjs --input DIR --exceptions FILE --no-csp
//                                                       another folder, as the unit test does with fixtures
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What is scanned: the main process and preload, the renderer (its TSX and index.html), the code both share, and package.json. */
const SCANNED = ['electron', 'renderer', 'shared', 'package.json'];
/** The only check left out: it downloads Electron's release list, and this build has no network. */
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GATED = new Set(['HIGH', 'MEDIUM']);
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
/** Any severity the tool may add later counts as gated until it is known to be lower. */
const isGated = (severity) => severity !== 'LOW' && severity !== 'INFORMATIONAL';

const { values: options } = parseArgs({
  options: {
    input: { type: 'string' },
    exceptions: { type: 'string', default: path.join(ROOT, 'build', 'electronegativity-exceptions.json') },
    report: { type: 'string' },
    'no-csp': { type: 'boolean', default: false },
  },
});

const problems = [];
const fail = (message) => problems.push(message);
const toPosix = (file) => file.split(path.sep).join('/');
/** A path inside the repository relative to it, any other path as it is. */
const shown = (file) => (file.startsWith(ROOT) ? toPosix(path.relative(ROOT, file)) : file);

// --- Keep the tool offline. It fetches translations (i18n) and Electron's release list with `got`;
// any `got` it loads answers "not found" at once instead, so it uses its bundled English texts.
const toolDir = path.dirname(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'));
const originalLoad = Module._load;
Module._load = function load(request, parent, ...rest) {
  if (request === 'got' && parent?.filename?.startsWith(toolDir)) {
    const offline = async () => ({ statusCode: 404, headers: {}, body: '' });
    return Object.assign(offline, { head: offline, get: offline });
  }
  return originalLoad.call(this, request, parent, ...rest);
};
process.env.LANG = 'en-US';
const toolRequire = createRequire(path.join(toolDir, 'package.json'));
const runElectronegativity = toolRequire('./dist/runner.js');
const toolVersion = toolRequire('./package.json').version;

// --- Exceptions: each names one finding and the control that makes it acceptable.
function readExceptions(file) {
  let entries;
  try {
    entries = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read the exception list ${file}: ${error.message}`);
    return [];
  }
  if (!Array.isArray(entries)) {
    fail(`the exception list ${file} must be a JSON array`);
    return [];
  }
  const seen = new Set();
  return entries.filter((entry, index) => {
    const where = `exception #${index + 1}`;
    const wrong = [];
    if (typeof entry?.check !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(entry.check)) wrong.push('"check" must be the check ID, e.g. SANDBOX_JS_CHECK');
    if (typeof entry?.file !== 'string' || entry.file === '') wrong.push('"file" must be the path the tool reports (or "N/A" for a global finding)');
    if (!Number.isInteger(entry?.line) || entry.line < 0) wrong.push('"line" must be the line number the tool reports');
    if (!GATED.has(entry?.severity)) wrong.push('"severity" must be HIGH or MEDIUM (lower severities never fail the check)');
    if (typeof entry?.compensatingControl !== 'string' || entry.compensatingControl.trim().length < 40)
      wrong.push('"compensatingControl" must say, in a sentence, which code and which test mitigate the finding');
    const extra = Object.keys(entry ?? {}).filter((key) => !['check', 'file', 'line', 'severity', 'compensatingControl'].includes(key));
    if (extra.length > 0) wrong.push(`unknown field(s) ${extra.join(', ')}`);
    if (wrong.length > 0) {
      fail(`${where} in ${shown(file)}: ${wrong.join('; ')}`);
      return false;
    }
    const key = `${entry.check}|${entry.file}|${entry.line}`;
    if (seen.has(key)) {
      fail(`${where} repeats ${entry.check} at ${entry.file}:${entry.line}`);
      return false;
    }
    seen.add(key);
    return true;
  });
}

// --- What is scanned: a copy of the sources (no node_modules, tests or build output) in a temporary
// folder, so the tool's global checks see main, preload and renderer together and report paths relative
// to the repository.
function stageSources() {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-electronegativity-'));
  for (const entry of SCANNED) {
    fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), {
      recursive: true,
      filter: (source) => !source.split(path.sep).includes('node_modules'),
    });
  }
  return stage;
}

/** The files the tool reads (its own filter: sources, HTML and package manifests outside node_modules). */
function countScannedFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !path.join(entry.parentPath, entry.name).includes('node_modules'))
    .filter((entry) => /\.(js|jsx|ts|tsx|html|htm)$/i.test(entry.name) || /^(package\.json|package-lock\.json|yarn\.lock)$/i.test(entry.name)).length;
}

function installedElectronVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

// --- The CSP: Electronegativity finds a policy only in a <meta> tag or in session.webRequest.onHeadersReceived.
// Stepwise sends it as a header from the app:// protocol handler, so the same evaluator the tool uses
// (@doyensec/csp-evaluator) is run here on the policy that handler serves.
async function evaluateCsp() {
  const { createJiti } = await import('jiti');
  const { SECURITY_HEADERS } = await createJiti(import.meta.url).import(path.join(ROOT, 'electron', 'security', 'csp.ts'));
  const policy = SECURITY_HEADERS['Content-Security-Policy'];
  const csp = toolRequire('@doyensec/csp-evaluator');
  const name = (severity) => Object.keys(csp.severities).find((key) => csp.severities[key] === severity) ?? String(severity);
  const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
  const blocking = new Set([csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM, csp.severities.HIGH_MAYBE]);
  return findings.map((finding) => ({
    severity: name(finding.severity),
    blocking: blocking.has(finding.severity),
    directive: finding.directive,
    value: finding.value,
    description: finding.description,
  }));
}

async function main() {
  const exceptionsFile = path.resolve(options.exceptions);
  const exceptions = readExceptions(exceptionsFile);
  const input = options.input ? path.resolve(options.input) : stageSources();
  const fileCount = countScannedFiles(input);
  if (fileCount === 0) fail(`nothing to scan in ${input}`);
  const scannedLabel = options.input ? shown(input) : SCANNED.map((entry) => (entry.includes('.') ? entry : `${entry}/`)).join(', ');
  const electronVersion = installedElectronVersion();
  const started = performance.now();
  let result;
  try {
    result = await runElectronegativity({
      input,
      isRelative: true,
      excludeFromScan: SKIPPED_CHECKS,
      ...(electronVersion ? { electronVersionOverride: electronVersion } : {}),
    });
  } finally {
    if (!options.input) fs.rmSync(input, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  for (const error of result.errors) {
    const file = toPosix(path.relative(input, error.file));
    if (error.tolerable) console.log(`  note: ${file} parsed with a recoverable error: ${error.message}`);
    else fail(`Electronegativity could not parse ${file} (${error.message}), so it was not checked`);
  }

  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: toPosix(issue.file),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: Boolean(issue.manualReview),
    description: issue.description,
    sample: issue.sample ?? '',
  }));
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
  for (const finding of findings) bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;

  const used = new Set();
  const excepted = [];
  const failing = [];
  for (const finding of findings.filter((f) => isGated(f.severity))) {
    const match = exceptions.find(
      (entry) => entry.check === finding.check && entry.file === finding.file && entry.line === finding.line && entry.severity === finding.severity,
    );
    if (match) {
      used.add(match);
      excepted.push(finding);
    } else failing.push(finding);
  }
  for (const finding of failing) {
    const moved = exceptions.filter((entry) => entry.check === finding.check && entry.file === finding.file && !used.has(entry));
    const hint =
      moved.length > 0
        ? ` (an exception names this check in this file at line ${moved.map((e) => e.line).join(', ')}: if only the line moved, review it again and update the line)`
        : '';
    fail(`${finding.severity} ${finding.confidence} ${finding.check} at ${finding.file}:${finding.line} — ${finding.description}${hint}`);
  }
  for (const entry of exceptions.filter((e) => !used.has(e))) {
    fail(`stale exception: ${entry.check} at ${entry.file}:${entry.line} (${entry.severity}) matches no finding any more; remove it or correct it`);
  }

  const cspFindings = options['no-csp'] ? [] : await evaluateCsp();
  for (const finding of cspFindings.filter((f) => f.blocking)) {
    fail(`CSP ${finding.severity}: ${finding.directive} ${finding.value ?? ''} — ${finding.description}`);
  }

  const report = {
    tool: `electronegativity ${toolVersion}`,
    electronVersion,
    scanned: scannedLabel,
    skippedChecks: SKIPPED_CHECKS,
    findings,
    cspFindings,
    problems,
  };
  const reportFile = options.report ?? (options.input ? undefined : path.join(ROOT, 'reports', 'electronegativity.json'));
  if (reportFile) {
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    fs.writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  }

  console.log(
    `Electronegativity ${toolVersion} over ${scannedLabel} (${fileCount} files), Electron ${electronVersion ?? 'unknown'}: ` +
      `${result.globalChecks + result.atomicChecks} checks in ${seconds}s (skipped offline: ${SKIPPED_CHECKS.join(', ')})`,
  );
  console.log(
    `  findings by severity: ${Object.keys(bySeverity)
      .map((s) => `${s} ${bySeverity[s]}`)
      .join(', ')}`,
  );
  console.log(`  HIGH/MEDIUM: ${excepted.length} excepted, ${failing.length} failing (exceptions: ${shown(exceptionsFile)})`);
  for (const finding of excepted)
    console.log(`    excepted  ${finding.severity.padEnd(6)} ${finding.confidence.padEnd(9)} ${finding.check} ${finding.file}:${finding.line}`);
  if (!options['no-csp']) {
    const notes = cspFindings.filter((f) => !f.blocking);
    console.log(`  CSP of electron/security/csp.ts (csp-evaluator): ${cspFindings.length - notes.length} failing, ${notes.length} note(s)`);
    for (const note of notes) console.log(`    note      ${note.severity} ${note.directive} ${note.value ?? ''}: ${note.description}`);
  }
  if (problems.length > 0) {
    console.error(`Electron security check FAILED (${problems.length}):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    console.error('Fix the code, or, only after review, add an exception with its compensating control (docs/SECURITY-CHECKS.md).');
    process.exitCode = 1;
  } else console.log('Electron security check passed.');
}

main().catch((error) => {
  console.error(`Electron security check could not run: ${error.stack ?? error}`);
  process.exitCode = 1;
});
