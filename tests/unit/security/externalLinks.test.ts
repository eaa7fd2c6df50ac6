import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from '../../../electron/security/externalLinks';

describe('isAllowedExternalUrl: allowed links', () => {
  it.each(EXTERNAL_LINK_HOSTS.map((host) => [host]))('allows https://%s/', (host) => {
    expect(isAllowedExternalUrl(`https://${host}/`)).toBe(true);
  });

  it.each([
    'https://findtreatment.gov',
    'https://www.samhsa.gov/find-help/national-helpline',
    'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2?toc=1#p-2.1',
    'https://www.hhs.gov/hipaa/index.html',
  ])('allows paths, queries and fragments on an allowed host: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it('handles an uppercase scheme and host', () => {
    expect(isAllowedExternalUrl('HTTPS://FINDTREATMENT.GOV/Locator')).toBe(true);
    expect(isAllowedExternalUrl('https://WWW.SAMHSA.GOV/')).toBe(true);
  });

  it('treats the explicit default port :443 as no port (the URL parser drops it)', () => {
    expect(isAllowedExternalUrl('https://www.hhs.gov:443/')).toBe(true);
  });

  it('checks against a caller-supplied allow-list instead of the default one', () => {
    expect(isAllowedExternalUrl('https://example.org/', ['example.org'])).toBe(true);
    expect(isAllowedExternalUrl('https://www.samhsa.gov/', ['example.org'])).toBe(false);
    expect(isAllowedExternalUrl('https://www.samhsa.gov/', [])).toBe(false);
  });
});

describe('isAllowedExternalUrl: refused links', () => {
  it.each(EXTERNAL_LINK_HOSTS.map((host) => [host]))('refuses plain http for %s', (host) => {
    expect(isAllowedExternalUrl(`http://${host}/`)).toBe(false);
  });

  it.each([
    'https://example.com/',
    'https://samhsa.gov/',
    'https://ecfr.gov/',
    'https://hhs.gov/',
    'https://gov/',
    'https://localhost/',
    'https://127.0.0.1/',
    'https://[::1]/',
  ])('refuses a host that is not on the list: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each([
    'https://findtreatment.gov.evil.com/',
    'https://evilfindtreatment.gov/',
    'https://www.samhsa.gov.example.net/',
    'https://wwwsamhsa.gov/',
    'https://sub.findtreatment.gov/',
    'https://findtreatment.gov./',
    'https://findtreatment.gov%2eevil.com/',
    'https://xn--findtreatment-gov-xyz.com/',
  ])('refuses the look-alike host %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each([
    'https://user@www.samhsa.gov/',
    'https://user:secret@www.samhsa.gov/',
    'https://:secret@www.samhsa.gov/',
    'https://www.samhsa.gov@evil.com/',
    'https://findtreatment.gov:pw@evil.com/',
  ])('refuses credentials in the URL: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each(['https://www.samhsa.gov:8443/', 'https://findtreatment.gov:80/', 'https://www.hhs.gov:1/'])('refuses an explicit port: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each([
    'javascript:alert(1)',
    'javascript://www.samhsa.gov/%0Aalert(1)',
    'data:text/html,<a href="https://www.samhsa.gov/">x</a>',
    'file:///etc/passwd',
    'file://www.samhsa.gov/share',
    'ftp://www.samhsa.gov/',
    'wss://www.samhsa.gov/',
    'mailto:info@samhsa.gov',
    'app://stepwise/index.html',
    'blob:https://www.samhsa.gov/0b9e-4c',
  ])('refuses the non-https scheme in %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each(['', ' ', 'www.samhsa.gov', '//www.samhsa.gov/', 'https://', 'https:///', 'https//www.samhsa.gov/', 'not a url', 'https://exa mple.com/'])(
    'refuses the malformed string %j',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(false);
    },
  );
});

describe('isAllowedExternalUrl: properties', () => {
  it('never throws and refuses every URL whose host is off the list', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const host = new URL(url).hostname;
        if (!EXTERNAL_LINK_HOSTS.includes(host)) expect(isAllowedExternalUrl(url)).toBe(false);
      }),
    );
  });

  it('refuses any allowed host followed by an arbitrary suffix label', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXTERNAL_LINK_HOSTS), fc.domain(), (host, suffix) => {
        expect(isAllowedExternalUrl(`https://${host}.${suffix}/`)).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        expect(typeof isAllowedExternalUrl(raw)).toBe('boolean');
      }),
    );
  });
});
