// Maps an app:// request to a file inside the renderer bundle, or refuses it. Pure path logic plus one
// realpath step, so traversal, encoded traversal and symlinks pointing out are tested in plain Node.
import { realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

export type Resolved = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

function refuse(status: 400 | 403 | 404 | 405, reason: string): Resolved {
  return { ok: false, status, reason };
}

/** true when `child` is `root` itself or below it (both absolute, already normalised). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Lexical step: app://pos/<path> -> absolute path under root. Refuses other schemes and hosts, credentials,
 * ports, queries are ignored, malformed percent-encoding, NUL, backslashes, and any path that leaves root
 * after decoding (so "%2e%2e%2f" and "..%5c" fail as well as "../").
 */
export function resolveAppPath(root: string, requestUrl: string): Resolved {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'unparsable URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
    return refuse(403, 'not the app origin');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return refuse(400, 'forbidden character in path');
  if (decoded.split('/').some((segment) => segment === '..')) return refuse(403, 'path traversal');
  const relPath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const absRoot = resolve(root);
  const target = resolve(absRoot, relPath);
  if (!isInside(absRoot, target) || target === absRoot) return refuse(403, 'outside the renderer bundle');
  return { ok: true, path: target };
}

/**
 * Filesystem step: follows symlinks and refuses a file whose real path is outside the real root.
 * `realRoot` must already be realpath-resolved.
 */
export async function confineToRoot(realRoot: string, candidate: string): Promise<Resolved> {
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return refuse(404, 'not found');
  }
  if (!isInside(realRoot, real) || real === realRoot) return refuse(403, 'resolves outside the renderer bundle');
  return { ok: true, path: real };
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** MIME type by extension; unknown types go out as opaque bytes (with nosniff, see protocol.ts). */
export function mimeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
