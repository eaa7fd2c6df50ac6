import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HardenableContents,
  type HardenableSession,
  type HardeningEffects,
  type NavigationEvent,
  hardenSession,
  hardenWebContents,
} from '../../../electron/main/hardening';
import { APP_ENTRY_URL } from '../../../electron/security/appOrigin';

type NavigationListener = (event: NavigationEvent, url?: string) => void;
type WindowOpenHandler = (details: { url: string }) => { action: 'deny' };

class FakeContents implements HardenableContents {
  readonly listeners = new Map<string, NavigationListener[]>();
  windowOpenHandler: WindowOpenHandler | undefined;

  on(event: 'will-navigate' | 'will-redirect', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: string, listener: NavigationListener): unknown {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Fires an event like Electron would; returns whether any listener called preventDefault. */
  emit(name: string, eventUrl: string | undefined, legacyUrl?: string): boolean {
    let prevented = false;
    const event: NavigationEvent = {
      ...(eventUrl === undefined ? {} : { url: eventUrl }),
      preventDefault: () => {
        prevented = true;
      },
    };
    const listeners = this.listeners.get(name) ?? [];
    expect(listeners.length, `no listener for ${name}`).toBeGreaterThan(0);
    for (const listener of listeners) listener(event, legacyUrl);
    return prevented;
  }

  openWindow(url: string): { action: 'deny' } {
    if (!this.windowOpenHandler) throw new Error('no window-open handler was set');
    return this.windowOpenHandler({ url });
  }
}

type PermissionRequestHandler = Parameters<HardenableSession['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<HardenableSession['setPermissionCheckHandler']>[0];
type BeforeRequestListener = Parameters<HardenableSession['webRequest']['onBeforeRequest']>[0];

class FakeSession implements HardenableSession {
  requestHandler: PermissionRequestHandler | undefined;
  checkHandler: PermissionCheckHandler | undefined;
  beforeRequest: BeforeRequestListener | undefined;
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener): void => {
      this.beforeRequest = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }

  /** Sends a request through the filter; returns every response the filter gave. */
  request(url: string): { cancel: boolean }[] {
    if (!this.beforeRequest) throw new Error('no onBeforeRequest listener was set');
    const responses: { cancel: boolean }[] = [];
    this.beforeRequest({ url }, (response) => responses.push(response));
    return responses;
  }
}

interface Warning {
  readonly message: string;
  readonly detail: Record<string, unknown>;
}

function recordingEffects(): HardeningEffects & { readonly opened: string[]; readonly warnings: Warning[] } {
  const opened: string[] = [];
  const warnings: Warning[] = [];
  return {
    opened,
    warnings,
    openInSystemBrowser: (url) => opened.push(url),
    warn: (message, detail) => warnings.push({ message, detail }),
  };
}

function hardenedContents() {
  const contents = new FakeContents();
  const effects = recordingEffects();
  hardenWebContents(contents, effects);
  return { contents, effects };
}

function hardenedSession() {
  const session = new FakeSession();
  const effects = recordingEffects();
  hardenSession(session, effects);
  return { session, effects };
}

const SECRET_URL = 'https://collector.example/upload?mrn=DEMO-000123&name=Ann%20Lee#dob=1985-06-15';

/** The warning may name the scheme, never the address or anything taken from it. */
function expectNoUrlInWarnings(warnings: readonly Warning[], url: string): void {
  for (const warning of warnings) {
    const logged = warning.message + JSON.stringify(warning.detail);
    expect(logged).not.toContain(url);
    const host = URL.canParse(url) ? new URL(url).host : '';
    if (host !== '') expect(logged).not.toContain(host);
  }
}

describe('hardenWebContents: wiring', () => {
  it('registers navigation, redirect and webview guards and a window-open handler', () => {
    const { contents } = hardenedContents();
    expect([...contents.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(contents.windowOpenHandler).toBeTypeOf('function');
  });
});

describe.each(['will-navigate', 'will-redirect'])('hardenWebContents: %s', (eventName) => {
  it('prevents moving to an external URL given on the event', () => {
    const { contents, effects } = hardenedContents();
    expect(contents.emit(eventName, 'https://example.com/phish')).toBe(true);
    expect(effects.warnings).toEqual([{ message: 'Blocked navigation away from the app', detail: { kind: eventName, scheme: 'https' } }]);
  });

  it('prevents moving to an external URL given as the legacy second argument', () => {
    const { contents, effects } = hardenedContents();
    expect(contents.emit(eventName, undefined, 'file:///etc/passwd')).toBe(true);
    expect(effects.warnings).toEqual([{ message: 'Blocked navigation away from the app', detail: { kind: eventName, scheme: 'file' } }]);
  });

  it.each(['http://localhost:5173/', 'https://www.samhsa.gov/', 'javascript:alert(1)', 'app://other/index.html', 'about:blank'])(
    'prevents moving to %s',
    (url) => {
      const { contents } = hardenedContents();
      expect(contents.emit(eventName, url)).toBe(true);
      expect(contents.emit(eventName, undefined, url)).toBe(true);
    },
  );

  it('lets the window move within the app origin', () => {
    const { contents, effects } = hardenedContents();
    expect(contents.emit(eventName, APP_ENTRY_URL)).toBe(false);
    expect(contents.emit(eventName, undefined, 'app://stepwise/index.html#/cases')).toBe(false);
    expect(effects.warnings).toEqual([]);
    expect(effects.opened).toEqual([]);
  });

  it('prevents the move when no URL is known at all', () => {
    const { contents, effects } = hardenedContents();
    expect(contents.emit(eventName, undefined)).toBe(true);
    expect(effects.warnings[0]?.detail).toEqual({ kind: eventName, scheme: '(none)' });
  });

  it('prefers the URL on the event over the legacy argument', () => {
    const { contents } = hardenedContents();
    expect(contents.emit(eventName, 'https://example.com/', APP_ENTRY_URL)).toBe(true);
    expect(contents.emit(eventName, APP_ENTRY_URL, 'https://example.com/')).toBe(false);
  });

  it('logs only the scheme of a refused URL that carries data', () => {
    const { contents, effects } = hardenedContents();
    contents.emit(eventName, SECRET_URL);
    contents.emit(eventName, undefined, SECRET_URL);
    expect(effects.warnings.map((w) => w.detail)).toEqual([
      { kind: eventName, scheme: 'https' },
      { kind: eventName, scheme: 'https' },
    ]);
    expectNoUrlInWarnings(effects.warnings, SECRET_URL);
    expect(JSON.stringify(effects.warnings)).not.toContain('DEMO-000123');
  });
});

describe('hardenWebContents: will-attach-webview', () => {
  it('always prevents attaching a webview', () => {
    const { contents } = hardenedContents();
    expect(contents.emit('will-attach-webview', undefined)).toBe(true);
    expect(contents.emit('will-attach-webview', APP_ENTRY_URL)).toBe(true);
    expect(contents.emit('will-attach-webview', 'https://www.samhsa.gov/')).toBe(true);
  });
});

describe('hardenWebContents: window.open', () => {
  it('denies the window and sends an allow-listed https link to the system browser', () => {
    const { contents, effects } = hardenedContents();
    expect(contents.openWindow('https://findtreatment.gov/locator')).toEqual({ action: 'deny' });
    expect(effects.opened).toEqual(['https://findtreatment.gov/locator']);
    expect(effects.warnings).toEqual([]);
  });

  it.each([
    'https://example.com/',
    'http://findtreatment.gov/',
    'https://findtreatment.gov.evil.com/',
    'https://user:pw@www.samhsa.gov/',
    'https://www.samhsa.gov:8443/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    APP_ENTRY_URL,
    '',
  ])('denies the window for %j and opens nothing', (url) => {
    const { contents, effects } = hardenedContents();
    expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    expect(effects.opened).toEqual([]);
    expect(effects.warnings).toHaveLength(1);
    expect(effects.warnings[0]?.message).toBe('Blocked a new window');
  });

  it('logs only the scheme of a refused window URL', () => {
    const { contents, effects } = hardenedContents();
    contents.openWindow(SECRET_URL);
    expect(effects.warnings).toEqual([{ message: 'Blocked a new window', detail: { scheme: 'https' } }]);
    expectNoUrlInWarnings(effects.warnings, SECRET_URL);
  });

  it('always returns deny and never leaks a refused URL into the log', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const { contents, effects } = hardenedContents();
        expect(contents.openWindow(url)).toEqual({ action: 'deny' });
        expect(effects.opened).toEqual([]);
        expect(effects.warnings.map((w) => w.detail)).toEqual([{ scheme: new URL(url).protocol.slice(0, -1) }]);
        expectNoUrlInWarnings(effects.warnings, url);
      }),
    );
  });
});

describe('hardenSession: permissions', () => {
  const permissions = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'hid',
    'usb',
  ];

  it.each(permissions)('answers a request for %s with false, once', (permission) => {
    const { session } = hardenedSession();
    const answers: boolean[] = [];
    session.requestHandler?.({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
  });

  it.each(permissions)('answers a check for %s with false', (permission) => {
    const { session } = hardenedSession();
    expect(session.checkHandler).toBeTypeOf('function');
    expect(session.checkHandler?.({}, permission)).toBe(false);
  });
});

describe('hardenSession: web requests', () => {
  it.each(['https://example.com/', 'http://localhost:5173/src/main.tsx', 'file:///etc/passwd', 'ws://localhost:9229/', 'app://other/a.js'])(
    'cancels %s and warns with its scheme',
    (url) => {
      const { session, effects } = hardenedSession();
      expect(session.request(url)).toEqual([{ cancel: true }]);
      expect(effects.warnings).toEqual([{ message: 'Blocked a request outside the app', detail: { scheme: url.slice(0, url.indexOf(':')) } }]);
    },
  );

  it.each([APP_ENTRY_URL, 'app://stepwise/assets/index.js', 'data:image/png;base64,iVBORw0KGgo='])('lets %s through without a warning', (url) => {
    const { session, effects } = hardenedSession();
    expect(session.request(url)).toEqual([{ cancel: false }]);
    expect(effects.warnings).toEqual([]);
  });

  it('cancels every http(s) request and logs only its scheme', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const { session, effects } = hardenedSession();
        expect(session.request(url)).toEqual([{ cancel: true }]);
        expect(effects.warnings.map((w) => w.detail)).toEqual([{ scheme: new URL(url).protocol.slice(0, -1) }]);
        expectNoUrlInWarnings(effects.warnings, url);
      }),
    );
  });
});
