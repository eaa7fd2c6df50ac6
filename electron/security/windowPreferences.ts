/** The renderer gets no Node, no Electron and no way around the browser sandbox. */
export const WINDOW_WEB_PREFERENCES = {
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
  // A middle-click cannot even ask for a new window.
  disableBlinkFeatures: 'Auxclick',
} as const;

/**
 * The window's preferences for this build: a packaged app gets no DevTools, which would let anyone at an unlocked
 * screen read the renderer's memory and call the IPC door by hand. Development keeps them.
 */
export function windowWebPreferences(packaged: boolean): typeof WINDOW_WEB_PREFERENCES & { readonly devTools: boolean } {
  return { ...WINDOW_WEB_PREFERENCES, devTools: !packaged };
}
