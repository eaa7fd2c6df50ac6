import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../electron/security/appOrigin';
import { EXTERNAL_LINK_HOSTS } from '../../../electron/security/externalLinks';
import { decideNavigation, decidePermission, decideRequest, decideWindowOpen } from '../../../electron/security/navigation';

const FOREIGN_URLS = [
  'https://www.samhsa.gov/',
  'https://example.com/',
  'http://localhost:5173/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<h1>x</h1>',
  'about:blank',
  'app://other/index.html',
  'app://stepwise.evil.com/index.html',
  'app://stepwise:8080/index.html',
  '',
  'not a url',
];

describe('decideNavigation', () => {
  it.each([APP_ENTRY_URL, 'app://stepwise/', 'app://stepwise', 'app://stepwise/index.html#/cases?page=2', 'app://stepwise/other.html'])(
    'allows moving within the app: %s',
    (url) => {
      expect(decideNavigation(url)).toBe('allow');
    },
  );

  it.each(FOREIGN_URLS)('denies leaving the app for %j', (url) => {
    expect(decideNavigation(url)).toBe('deny');
  });

  it('denies even allow-listed external links (they open in the system browser, never in the window)', () => {
    for (const host of EXTERNAL_LINK_HOSTS) expect(decideNavigation(`https://${host}/`)).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it.each(EXTERNAL_LINK_HOSTS.map((host) => [`https://${host}/page`]))('denies a window for %s but hands it to the system browser', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openInSystemBrowser: true });
  });

  it.each([
    ...FOREIGN_URLS.filter((url) => url !== 'https://www.samhsa.gov/'),
    APP_ENTRY_URL,
    'http://www.samhsa.gov/',
    'https://user@www.samhsa.gov/',
    'https://www.samhsa.gov:8443/',
  ])('denies a window for %j and keeps it out of the system browser', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openInSystemBrowser: false });
  });

  it('always denies, whatever the URL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), (url) => {
        expect(decideWindowOpen(url).action).toBe('deny');
      }),
    );
  });
});

describe('decidePermission', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'keyboardLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'mediaKeySystem',
    'window-management',
    'idle-detection',
    'storage-access',
    'top-level-storage-access',
    'speaker-selection',
    'fileSystem',
    'hid',
    'serial',
    'usb',
    'bluetooth',
    'unknown',
    '',
  ])('refuses %j', (permission) => {
    expect(decidePermission(permission)).toBe(false);
  });

  it('refuses every permission name', () => {
    fc.assert(
      fc.property(fc.string(), (permission) => {
        expect(decidePermission(permission)).toBe(false);
      }),
    );
  });
});

describe('decideRequest', () => {
  it.each([APP_ENTRY_URL, 'app://stepwise/assets/index-abc.js', 'app://stepwise/fonts/inter.woff2?v=2'])('allows the app file %s', (url) => {
    expect(decideRequest(url)).toBe('allow');
  });

  it.each(['data:image/png;base64,iVBORw0KGgo=', 'data:image/svg+xml,%3Csvg%3E%3C/svg%3E'])('allows the inline data: image %s', (url) => {
    expect(decideRequest(url)).toBe('allow');
  });

  it('allows the developer tools', () => {
    expect(decideRequest('devtools://devtools/bundled/devtools_app.html')).toBe('allow');
  });

  it.each([
    'https://www.samhsa.gov/',
    'https://example.com/collect?mrn=123',
    'http://localhost:5173/',
    'http://127.0.0.1/',
    'file:///etc/passwd',
    'ws://localhost:9229/',
    'wss://example.com/socket',
    'ftp://example.com/',
    'app://other/index.html',
    'app://stepwise.evil.com/a.js',
    'chrome-extension://abc/script.js',
    '',
    'not a url',
  ])('blocks %j', (url) => {
    expect(decideRequest(url)).toBe('block');
  });

  it('blocks every http(s) request', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(decideRequest(url)).toBe('block');
      }),
    );
  });
});
