import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, session } from 'electron';
import { fail } from '../../shared/contract/result';
import { IPC_INVOKE_CHANNEL } from '../../shared/contract/channels';
import { resolveDataDir } from '../config/dataDir';
import { createAppCore, type AppCore } from '../core/createAppCore';
import { keepYoungGenerationSmall } from '../core/youngGeneration';
import { DatabaseOpenError } from '../db/errors';
import { DATABASE_FILE_NAME, ensureWritableFolder } from '../db/openDatabase';
import { createWorkerJobRunner } from '../jobs/jobRunner';
import { createFileLogger, describeError, type Logger } from '../log/logger';
import { productionMenuTemplate } from '../security/appMenu';
import { isAppUrl } from '../security/appOrigin';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { hardenSession, hardenWebContents } from './hardening';
import { createShellEffects } from './shellEffects';
import { createMainWindow } from './window';

const RENDERER_ROOT = path.join(__dirname, '../renderer');
const PRELOAD_FILE = path.join(__dirname, '../preload/index.js');
/** The long reads' worker thread, bundled beside this file (electron.vite.config.mts). */
const JOB_WORKER_FILE = path.join(__dirname, 'jobWorker.js');

keepYoungGenerationSmall();
registerAppScheme();
app.enableSandbox();

let core: AppCore | undefined;
const shellEffects = createShellEffects();

/** Shows the problem once and exits: a database that cannot be opened must not restart in a loop. */
function stopWithMessage(title: string, message: string): void {
  process.stderr.write(`Stepwise: ${title}\n${message}\n`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

async function start(logger: Logger, dataDir: string): Promise<void> {
  try {
    core = await createAppCore({ dataDir, appVersion: app.getVersion(), logger, shell: shellEffects, jobs: createWorkerJobRunner(JOB_WORKER_FILE) });
  } catch (error) {
    logger.error('Could not open the database', describeError(error));
    const message = error instanceof DatabaseOpenError ? error.message : `Stepwise could not open its database in ${dataDir}. Nothing was changed.`;
    const folderProblem = error instanceof DatabaseOpenError && error.problem === 'unwritable';
    stopWithMessage(folderProblem ? 'Stepwise cannot use its data folder' : 'Stepwise cannot open its database', message);
    return;
  }
  const effects = {
    openInSystemBrowser: (url: string) =>
      void shellEffects.openInSystemBrowser(url).catch((error: unknown) => logger.warn('Could not open link', describeError(error))),
    warn: (message: string, detail: Record<string, unknown>) => logger.warn(message, detail),
  };
  hardenSession(session.defaultSession, effects);
  serveRenderer(RENDERER_ROOT);
  const activeCore: AppCore = core;
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!isAppUrl(event.senderFrame?.url)) {
      logger.warn('Refused IPC from a page outside the app', {});
      return fail({ code: 'forbidden', message: 'This request did not come from the Stepwise window and was refused.' });
    }
    return activeCore.registry.invoke(channel, input);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, effects));
  // The backstop for auto-lock: the window locks itself first, but a hung or tampered window cannot keep the key open.
  setInterval(() => void activeCore.lockIfIdle().catch((error: unknown) => logger.error('Auto-lock failed', describeError(error))), 30_000);
  const lockNow = () => void activeCore.endSession('screen-locked').catch((error: unknown) => logger.error('Lock failed', describeError(error)));
  powerMonitor.on('lock-screen', lockNow);
  powerMonitor.on('suspend', lockNow);
  createMainWindow(PRELOAD_FILE);
}

const dataDirResolution = resolveDataDir(process.argv, process.env, app.getPath('userData'));
if (dataDirResolution.ok && dataDirResolution.source !== 'default') {
  // The single-instance lock and Chromium's own files follow the data folder, so two folders can be open at once.
  app.setPath('userData', dataDirResolution.dataDir);
}

/** Why the single-instance lock failed: the lock lives in the data folder, so a folder Stepwise cannot write to fails it too. */
function unwritableDataFolder(): DatabaseOpenError | null {
  try {
    ensureWritableFolder(path.join(app.getPath('userData'), DATABASE_FILE_NAME));
    return null;
  } catch (error) {
    return error instanceof DatabaseOpenError ? error : null;
  }
}

if (!app.requestSingleInstanceLock()) {
  const folderProblem = unwritableDataFolder();
  if (folderProblem) {
    stopWithMessage('Stepwise cannot use its data folder', folderProblem.message);
  } else {
    // A second copy would open the same database; the first window is brought forward instead.
    process.stderr.write(`Stepwise: another Stepwise is already running on the data folder ${app.getPath('userData')}, so this one quits.\n`);
    app.quit();
  }
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  let quitPrepared = false;
  // Before the database closes for good: the day's automatic backup, then the sign-out in the audit log. Neither can
  // keep Stepwise open: whatever they do, the app quits when they are done or have failed.
  app.on('before-quit', (event) => {
    if (quitPrepared || !core) return;
    event.preventDefault();
    quitPrepared = true;
    const closing = core;
    void closing
      .backUpOnExit()
      .then(() => closing.endSession('app-closed'))
      .catch(() => undefined)
      .finally(() => app.quit());
  });
  app.on('will-quit', () => core?.close());
  void app.whenReady().then(() => {
    // Development keeps Electron's default menu, with reload and DevTools.
    if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(productionMenuTemplate(process.platform)));
    if (!dataDirResolution.ok) {
      stopWithMessage('Stepwise cannot start', dataDirResolution.message);
      return;
    }
    const logger = createFileLogger(path.join(dataDirResolution.dataDir, 'logs', 'stepwise.log'));
    void start(logger, dataDirResolution.dataDir);
  });
}
