import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../security/appOrigin';
import { windowWebPreferences } from '../security/windowPreferences';

export function createMainWindow(preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Stepwise',
    show: false,
    backgroundColor: '#f7f7f5',
    webPreferences: { ...windowWebPreferences(app.isPackaged), preload: path.resolve(preloadFile) },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
