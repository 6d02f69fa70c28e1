// HTTPS to head office with its certificate pinned: at enrolment the till fetches HQ's certificate and
// accepts it only if its SHA-256 fingerprint is the one shown at HQ next to the code; afterwards that
// exact certificate is the only trust anchor (no public CA, no host name needed). Bodies are capped.
import { connect } from 'node:tls';
import { Agent, request } from 'undici';

export interface HqResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface HqTransport {
  post(path: string, body: unknown, token: string | null): Promise<HqResponse>;
  get(path: string, token: string | null): Promise<HqResponse>;
  close(): Promise<void>;
}

const MAX_ANSWER_BYTES = 4_000_000;

/** The certificate at the address is not the one whose fingerprint HQ shows (issue 16.2: its own reason on screen). */
export class PinMismatchError extends Error {}

/** HQ's certificate (PEM) if its fingerprint is `fingerprint` (as shown at HQ, colons and case ignored). */
export async function fetchPinnedCert(baseUrl: string, fingerprint: string, timeoutMs = 10_000): Promise<string> {
  const u = new URL(baseUrl);
  const want = fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return new Promise((resolve, reject) => {
    const s = connect({ host: u.hostname, port: Number(u.port || 443), rejectUnauthorized: false, servername: /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname });
    const timer = setTimeout(() => s.destroy(new Error('HQ did not answer in time')), timeoutMs);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      const c = s.getPeerX509Certificate();
      s.end();
      if (!c) return reject(new Error('HQ sent no certificate'));
      const got = c.fingerprint256.replace(/:/g, '').toUpperCase();
      if (got !== want) return reject(new PinMismatchError(`总部证书指纹不符 / HQ certificate fingerprint ${c.fingerprint256} is not the one given`));
      resolve(c.toString());
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export function createHqTransport(baseUrl: string, certPem: string, timeoutMs = 15_000): HqTransport {
  // Trust exactly HQ's certificate; the host name is not checked because the certificate itself is pinned.
  const agent = new Agent({ connect: { ca: certPem, checkServerIdentity: () => undefined, timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const call = async (method: 'GET' | 'POST', path: string, body: unknown, token: string | null): Promise<HqResponse> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await request(new URL(path, baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), dispatcher: agent });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of r.body) {
      size += (c as Buffer).length;
      if (size > MAX_ANSWER_BYTES) {
        r.body.destroy();
        throw new Error('HQ answer too large');
      }
      chunks.push(c as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
    return { status: r.statusCode, body: parsed };
  };
  return {
    post: (path, body, token) => call('POST', path, body, token),
    get: (path, token) => call('GET', path, undefined, token),
    close: () => agent.close(),
  };
}
