import path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../security/appOrigin';
import { WINDOW_WEB_PREFERENCES } from '../security/windowPreferences';

export function createMainWindow(preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Stepwise',
    show: false,
    backgroundColor: '#f7f7f5',
    webPreferences: { ...WINDOW_WEB_PREFERENCES, preload: path.resolve(preloadFile) },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
