import { describe, expect, it } from 'vitest';
import { WINDOW_WEB_PREFERENCES, windowWebPreferences } from '../../../electron/security/windowPreferences';

describe('WINDOW_WEB_PREFERENCES', () => {
  it('isolates the renderer in a sandbox', () => {
    expect(WINDOW_WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WINDOW_WEB_PREFERENCES.sandbox).toBe(true);
  });

  it('gives the renderer, its workers and its frames no Node', () => {
    expect(WINDOW_WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WINDOW_WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WINDOW_WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content', () => {
    expect(WINDOW_WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WINDOW_WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
  });

  it('turns off webviews, experimental features and drag-and-drop navigation', () => {
    expect(WINDOW_WEB_PREFERENCES.webviewTag).toBe(false);
    expect(WINDOW_WEB_PREFERENCES.experimentalFeatures).toBe(false);
    expect(WINDOW_WEB_PREFERENCES.navigateOnDragDrop).toBe(false);
  });

  it('sets exactly the reviewed preferences and nothing that loosens them', () => {
    expect(WINDOW_WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('windowWebPreferences', () => {
  it('turns DevTools off in a packaged build and leaves every reviewed preference as it is', () => {
    expect(windowWebPreferences(true)).toEqual({ ...WINDOW_WEB_PREFERENCES, devTools: false });
  });

  it('keeps DevTools in development', () => {
    expect(windowWebPreferences(false)).toEqual({ ...WINDOW_WEB_PREFERENCES, devTools: true });
  });
});
