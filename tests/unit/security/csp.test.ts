import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../electron/security/csp';

/** Splits the policy into directive name -> source list. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `directive ${name} appears twice`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

const directives = parsePolicy(CONTENT_SECURITY_POLICY);
const allSources = [...directives.values()].flat();

describe('CONTENT_SECURITY_POLICY', () => {
  it('refuses everything by default', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it("runs only the app's own scripts", () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows inline or evaluated code anywhere', () => {
    for (const source of allSources) {
      expect(source).not.toMatch(/^'unsafe-/);
      expect(source).not.toMatch(/^'(nonce|sha256|sha384|sha512)-/);
      expect(source).not.toBe("'strict-dynamic'");
      expect(source).not.toBe("'wasm-unsafe-eval'");
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('has no network or wildcard sources in any directive', () => {
    for (const source of allSources) {
      expect(source).not.toContain('*');
      expect(source).not.toMatch(/^(https?|wss?|ftp|file|blob|filesystem):/i);
      expect(source).not.toMatch(/\/\//);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/i);
  });

  it('allows data: only for images', () => {
    for (const [name, sources] of directives) {
      if (name !== 'img-src') expect(sources, name).not.toContain('data:');
    }
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it.each(['object-src', 'frame-ancestors', 'frame-src', 'worker-src', 'base-uri', 'form-action'])('sets %s to none', (name) => {
    expect(directives.get(name)).toEqual(["'none'"]);
  });

  it.each(['style-src', 'font-src', 'connect-src'])('limits %s to the app itself', (name) => {
    expect(directives.get(name)).toEqual(["'self'"]);
  });

  it('uses only well-formed directives separated by "; "', () => {
    for (const part of CONTENT_SECURITY_POLICY.split('; ')) expect(part).toMatch(/^[a-z-]+( [^\s;]+)+$/);
  });
});

describe('SECURITY_HEADERS', () => {
  it('carries the content security policy unchanged', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('turns off MIME sniffing and referrers and isolates the opener', () => {
    expect(SECURITY_HEADERS).toEqual({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });
});
