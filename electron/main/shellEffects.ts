import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, shell, type FileFilter } from 'electron';
import type { SavedFile, ShellEffects } from '../ipc/handlerContext';
import { isAllowedExternalUrl } from '../security/externalLinks';
import { PDF_MARGINS, redisclosureFooter } from './pdfFooter';

const FILTERS: Readonly<Record<string, FileFilter[]>> = {
  '.csv': [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
  '.json': [{ name: 'JSON', extensions: ['json'] }],
  '.pdf': [{ name: 'PDF', extensions: ['pdf'] }],
  '.stepwise-packet': [{ name: 'Stepwise review packet', extensions: ['stepwise-packet'] }],
};

/** The person picks where a file goes; nothing is written anywhere without their say. */
async function chooseDestination(suggestedName: string): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options = {
    defaultPath: path.join(app.getPath('documents'), suggestedName),
    filters: FILTERS[path.extname(suggestedName).toLowerCase()] ?? [],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/**
 * Runs inside the transaction that records the file (saveAndRecordAtomically): a write that fails rolls the record
 * back, so it must not leave part of the file behind either. A file that cannot be opened is left as it was.
 */
async function saveBytes(suggestedName: string, bytes: string | Uint8Array): Promise<SavedFile> {
  const destination = await chooseDestination(suggestedName);
  if (destination === null) return { saved: false, fileName: null };
  const handle = await open(destination, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(destination, { force: true });
    throw error;
  }
  return { saved: true, fileName: path.basename(destination) };
}

async function chooseFileToImport(): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options = {
    title: 'Choose a CSV file to import',
    defaultPath: app.getPath('documents'),
    filters: [
      { name: 'CSV (comma- or semicolon-separated values)', extensions: ['csv', 'txt', 'tsv'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile' as const],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function chooseFileToOpen(kind: 'packet'): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options = {
    title: kind === 'packet' ? 'Choose a review packet to import' : 'Choose a file',
    defaultPath: app.getPath('documents'),
    filters: [
      { name: 'Stepwise review packet', extensions: ['stepwise-packet'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile' as const],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export function createShellEffects(): ShellEffects {
  return {
    chooseFileToImport,
    chooseFileToOpen,
    saveBinaryFile: (suggestedName, bytes) => saveBytes(suggestedName, bytes),
    openInSystemBrowser: (url) => {
      // Checked again here so no caller can skip the allow-list.
      if (!isAllowedExternalUrl(url)) return Promise.reject(new Error('Refused to open a link outside the allow-list'));
      return shell.openExternal(url);
    },
    // Spreadsheets on Windows read a CSV as UTF-8 (the notice's "§", accented names) only with a byte-order mark.
    saveTextFile: (suggestedName, content) => saveBytes(suggestedName, suggestedName.toLowerCase().endsWith('.csv') ? `\uFEFF${content}` : content),
    saveWindowAsPdf: async (suggestedName) => {
      const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      if (!window) return { saved: false, fileName: null };
      // The page's print stylesheet decides what is printed (no app controls); the notice goes in every page's footer.
      const pdf = await window.webContents.printToPDF({
        printBackground: true,
        pageSize: 'Letter',
        margins: PDF_MARGINS,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: redisclosureFooter(),
      });
      return saveBytes(suggestedName, pdf);
    },
  };
}
