import { decideNavigation, decidePermission, decideRequest, decideWindowOpen } from '../security/navigation';

/** The parts of Electron's WebContents this module touches, so the wiring is testable without Electron. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationEvent {
  preventDefault(): void;
  readonly url?: string;
}

export interface HardenableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  readonly webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
  };
}

export interface HardeningEffects {
  openInSystemBrowser(url: string): void;
  warn(message: string, detail: Record<string, unknown>): void;
}

/** Every web contents: no navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: HardenableContents, effects: HardeningEffects): void {
  const guard = (kind: string) => (event: NavigationEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (decideNavigation(url) === 'deny') {
      event.preventDefault();
      effects.warn('Blocked navigation away from the app', { kind, scheme: schemeOf(url) });
    }
  };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-redirect', guard('will-redirect'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openInSystemBrowser) effects.openInSystemBrowser(url);
    else effects.warn('Blocked a new window', { scheme: schemeOf(url) });
    return { action: decision.action };
  });
}

/** The session: every permission refused, every request outside the app cancelled. */
export function hardenSession(session: HardenableSession, effects: Pick<HardeningEffects, 'warn'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = decideRequest(details.url) === 'block';
    if (cancel) effects.warn('Blocked a request outside the app', { scheme: schemeOf(details.url) });
    callback({ cancel });
  });
}

/** Logs keep only the scheme of a refused address; the address itself could carry data. */
function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon > 0 ? url.slice(0, colon) : '(none)';
}
