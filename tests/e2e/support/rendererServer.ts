import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { APP_ORIGIN } from '../../../electron/security/appOrigin';
import { resolveAppAsset } from '../../../electron/security/appProtocol';
import { SECURITY_HEADERS } from '../../../electron/security/csp';

export const RENDERER_ROOT = path.resolve(__dirname, '../../../out/renderer');

export interface RendererServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer the way the app:// protocol does: the same path guard and the same
 * security headers, so the page runs under the production Content-Security-Policy.
 */
export async function startRendererServer(root = RENDERER_ROOT): Promise<RendererServer> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`The renderer is not built (${root}/index.html is missing). Run "npm run build" first.`);
  }
  const server = http.createServer((request, response) => {
    const resolution = resolveAppAsset(root, `${APP_ORIGIN}${request.url ?? '/'}`);
    if (resolution.kind === 'refused') {
      response.writeHead(resolution.status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end(resolution.reason);
      return;
    }
    fs.readFile(resolution.file, (error, body) => {
      if (error) response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('not found');
      else response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': resolution.contentType }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
