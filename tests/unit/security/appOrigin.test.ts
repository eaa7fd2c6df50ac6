import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_HOST, APP_ORIGIN, APP_SCHEME, isAppUrl } from '../../../electron/security/appOrigin';

describe('app origin constants', () => {
  it('serve the renderer from app://stepwise', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_HOST).toBe('stepwise');
    expect(APP_ORIGIN).toBe('app://stepwise');
    expect(APP_ENTRY_URL).toBe('app://stepwise/index.html');
  });

  it('use an origin that is neither http(s) nor file', () => {
    expect(new URL(APP_ENTRY_URL).protocol).toBe('app:');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });
});

describe('isAppUrl', () => {
  it.each([
    'app://stepwise',
    'app://stepwise/',
    'app://stepwise/index.html',
    'app://stepwise/assets/index-abc.js?v=1#x',
    'APP://stepwise/index.html',
  ])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([undefined, null, ''])('rejects the missing value %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it.each([
    'app://other/index.html',
    'app://stepwise.evil.com/',
    'app://evil.stepwise/',
    'app://evil/stepwise/index.html',
    'app://stepwise:8080/',
    'app:///index.html',
    'app:stepwise/index.html',
    'apps://stepwise/',
    'http://stepwise/',
    'https://stepwise/',
    'file://stepwise/index.html',
    'file:///app/stepwise/index.html',
    'https://example.com/?next=app://stepwise/',
    'javascript:"app://stepwise/"',
    'not a url',
    'stepwise/index.html',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('rejects every http(s) URL', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(isAppUrl(url)).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        expect(typeof isAppUrl(raw)).toBe('boolean');
      }),
    );
  });
});
