import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from '../security/appOrigin';
import { APP_SCHEME_PRIVILEGES, resolveAppAsset } from '../security/appProtocol';
import { SECURITY_HEADERS } from '../security/csp';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves the built renderer from app://stepwise/ with the production security headers. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolution = resolveAppAsset(rendererRoot, request.url);
    if (resolution.kind === 'refused') {
      return new Response(resolution.reason, { status: resolution.status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' } });
    }
    try {
      const body = await readFile(resolution.file);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': resolution.contentType } });
    } catch {
      return new Response('not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' } });
    }
  });
}
