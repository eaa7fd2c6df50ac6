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
