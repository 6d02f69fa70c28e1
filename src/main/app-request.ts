// Answers one app:// request: GET only, files inside the renderer bundle only, right MIME type, and the CSP
// header on every response (HTML, scripts, styles, refusals: a policy that depends on the file name would
// be missing wherever a document is ever served under another name). No electron import, so it is tested
// in plain Node with the global Request/Response.
import { readFile, realpath } from 'node:fs/promises';
import { confineToRoot, mimeFor, resolveAppPath } from './app-files';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { Logger } from '../common/logger';

export type ProtocolLogger = Pick<Logger, 'warn'>;

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers one app:// request from `rootDir` (the built renderer, out/renderer). */
export async function answerAppRequest(rootDir: string, request: Request, log: ProtocolLogger): Promise<Response> {
  if (request.method !== 'GET') return refusal(405, 'method not allowed');
  const lexical = resolveAppPath(rootDir, request.url);
  if (!lexical.ok) {
    log.warn('app protocol: refused', { url: request.url.slice(0, 200), reason: lexical.reason });
    return refusal(lexical.status, lexical.reason);
  }
  const real = await confineToRoot(await realpath(rootDir), lexical.path);
  if (!real.ok) {
    if (real.status !== 404) log.warn('app protocol: refused', { url: request.url.slice(0, 200), reason: real.reason });
    return refusal(real.status, real.reason);
  }
  let body: Buffer;
  try {
    body = await readFile(real.path);
  } catch {
    return refusal(404, 'not found'); // a directory or a file that vanished
  }
  return new Response(new Uint8Array(body), { status: 200, headers: { ...COMMON_HEADERS, 'Content-Type': mimeFor(real.path) } });
}
