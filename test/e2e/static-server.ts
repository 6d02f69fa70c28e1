import { createServer, type Server } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

/** The renderer's CSP, the same string the app's protocol handler and index.html carry. */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; font-src 'self'; base-uri 'none'; form-action 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer over http on 127.0.0.1 (plain Chromium will not run a module script from
 * file://), with the same CSP header the app sends. Only files inside root are served.
 */
export async function serveRenderer(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const realRoot = await realpath(root);
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://x');
        const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
        const file = await realpath(join(realRoot, rel));
        if (req.method !== 'GET' || !(file === realRoot || file.startsWith(realRoot + sep))) throw new Error('refused');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': RENDERER_CSP,
          'cache-control': 'no-store',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    // The page is still open at teardown: a keep-alive connection it holds would keep close() waiting
    // (seen as a 60 s "tearing down till" timeout on a loaded machine), so every connection is ended.
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
