import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createWorkerJobRunner } from '../../../electron/jobs/jobRunner';
import { systemClock } from '../../../electron/services/context';
import type { SessionUser } from '../../../shared/contract/auth';
import type { Role } from '../../../shared/domain/roles';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, sequentialIds, type TestCore } from '../../support/testCore';
import { holdingAnswers } from './heldJobs';
import { startRendererServer, type RendererServer } from './rendererServer';

const BINDING = '__stepwiseInvoke';

/** The long reads' worker as the app bundles it (built with the renderer before the specs run). */
export const bundledJobRunner = createWorkerJobRunner(path.resolve(__dirname, '../../../out/main/jobWorker.js'));

export interface InvokedCall {
  readonly channel: unknown;
  readonly input: unknown;
}

export interface StepwiseApp {
  readonly page: Page;
  readonly core: TestCore;
  readonly dataDir: string;
  /** The app's log file inside the data folder, when the test asked for one with `fileLog`; otherwise logs stay in memory. */
  readonly logFile: string | null;
  /** Requests the page tried to send anywhere but the app's own origin (all are refused). */
  readonly blockedRequests: string[];
  /** Uncaught exceptions in the page; the fixture fails the test if any occurred. */
  readonly pageErrors: string[];
  /** Every call the page made through window.stepwise.invoke, in order. */
  readonly calls: InvokedCall[];
  /** Opens the app with nobody signed in (first start, or the sign-in screen once users exist). */
  open(): Promise<void>;
  /** Creates (if needed) and signs in a user with TEST_PASSWORD and these roles, then opens the app on the caseload. */
  openAs(username: string, roles: readonly Role[]): Promise<SessionUser>;
  /** With `holdJobAnswers`: lets the long jobs' answers through (they run, and report progress, meanwhile). */
  releaseJobs(): void;
  /** With `holdJobAnswers`, after `releaseJobs`: holds the answers of the jobs that answer from now on again. */
  holdJobs(): void;
}

/**
 * The built renderer in real Chromium, with window.stepwise.invoke bound to the real handler
 * registry over a real SQLite file: the app's code path with only the IPC hop swapped.
 */
export const test = base.extend<{ app: StepwiseApp; fileLog: boolean; holdJobAnswers: boolean }, { server: RendererServer }>({
  // Opt-in, so the other specs keep reading `core.logger`: `test.use({ fileLog: true })` writes the log where the app does.
  fileLog: [false, { option: true }],
  // Opt-in: `test.use({ holdJobAnswers: true })` keeps each long job's answer back until `app.releaseJobs()`.
  holdJobAnswers: [false, { option: true }],
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring; this one has none.
    async ({}, use) => {
      const server = await startRendererServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, server, fileLog, holdJobAnswers }, use) => {
    const temp = makeTempDir('stepwise-e2e-');
    const logFile = fileLog ? path.join(temp.dir, 'logs', 'stepwise.log') : null;
    const held = holdJobAnswers ? holdingAnswers(bundledJobRunner) : null;
    const core = await createTestCore(temp.dir, {
      clock: systemClock,
      newId: sequentialIds('case'),
      jobs: held?.runner ?? bundledJobRunner,
      ...(logFile === null ? {} : { fileLog: logFile }),
    });
    const { blockedRequests, pageErrors, calls } = await connectPage(page, core, server);
    await use({
      page,
      core,
      dataDir: temp.dir,
      logFile,
      blockedRequests,
      pageErrors,
      calls,
      open: async () => {
        await page.goto(`${server.origin}/index.html`);
      },
      openAs: async (username, roles) => {
        const user = await core.signInAs(username, roles);
        await page.goto(`${server.origin}/index.html`);
        await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
        return user;
      },
      releaseJobs: () => held?.release(),
      holdJobs: () => held?.hold(),
    });
    held?.release();
    core.close();
    temp.cleanup();
    expect(pageErrors, 'uncaught exceptions in the page').toEqual([]);
  },
});

/**
 * Binds window.stepwise.invoke in this page to this core's registry, recording each call, refuses every request
 * outside the renderer's origin, and collects the page's uncaught exceptions. A test may connect a second page to a
 * second core: two installations, each with its own data directory, side by side in one browser session.
 */
export async function connectPage(
  page: Page,
  core: TestCore,
  server: RendererServer,
): Promise<{ blockedRequests: string[]; pageErrors: string[]; calls: InvokedCall[] }> {
  const blockedRequests: string[] = [];
  const pageErrors: string[] = [];
  const calls: InvokedCall[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) await route.continue();
    else {
      blockedRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  await page.exposeBinding(BINDING, (_source, channel: unknown, input: unknown) => {
    calls.push({ channel, input });
    return core.registry.invoke(channel, input);
  });
  await page.addInitScript((binding) => {
    const bindings = window as unknown as Record<string, (channel: unknown, input: unknown) => Promise<unknown>>;
    Object.defineProperty(window, 'stepwise', {
      value: Object.freeze({ invoke: (channel: unknown, input: unknown) => bindings[binding]!(channel, input) }),
      writable: false,
      configurable: false,
    });
  }, BINDING);
  return { blockedRequests, pageErrors, calls };
}

export { expect };
