// Maps what undici/net/tls throw to our codes. The one question that matters for money is whether the
// request may have reached WeChat: errors raised while connecting (our connector marks them) prove it
// did not; anything after the socket was handed to undici may have been received.
import type { PresendCode, TlsCode, UnknownCode } from './codes';

export type AttemptFailure =
  | { readonly sent: false; readonly code: PresendCode | TlsCode; readonly message: string }
  | { readonly sent: true; readonly code: UnknownCode; readonly message: string };

const UNKNOWN_CA = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'CERT_REJECTED',
]);

function codeOf(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return '';
}

function messageOf(e: unknown): string {
  // Node/undici messages carry host names and ports, never our secrets; keep them short.
  return e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
}

/** An error raised by our connector: DNS, TCP connect, TLS handshake, or our connect timeout. */
export function classifyConnectError(e: unknown, mtls: boolean): AttemptFailure {
  const code = codeOf(e);
  const msg = messageOf(e);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NODATA') {
    return { sent: false, code: 'DNS_FAILURE', message: `DNS lookup failed: ${msg}` };
  }
  if (code === 'ECONNREFUSED') return { sent: false, code: 'CONNECTION_REFUSED', message: msg };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { sent: false, code: 'CONNECT_TIMEOUT', message: msg };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL' || code === 'ENETDOWN') {
    return { sent: false, code: 'NETWORK_UNREACHABLE', message: msg };
  }
  if (UNKNOWN_CA.has(code)) {
    return { sent: false, code: 'TLS_UNKNOWN_CA', message: `server certificate not trusted (${code})` };
  }
  if (code === 'CERT_HAS_EXPIRED') return { sent: false, code: 'TLS_CERT_EXPIRED', message: 'server certificate expired' };
  if (code === 'CERT_NOT_YET_VALID') {
    return { sent: false, code: 'TLS_CERT_NOT_YET_VALID', message: 'server certificate not yet valid (is the clock right?)' };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return { sent: false, code: 'TLS_WRONG_HOST', message: 'server certificate is for another host name' };
  }
  // With a client certificate (TLS 1.2, see transport.ts) the server judges it inside the handshake:
  // an alert or a dropped connection there means it did not accept our certificate.
  if (mtls && (code === 'ECONNRESET' || code === 'EPIPE' || code.startsWith('ERR_SSL_'))) {
    return {
      sent: false,
      code: 'TLS_CLIENT_CERT_REJECTED',
      message: 'the server refused our client certificate during the TLS handshake (untrusted, expired, or another merchant?)',
    };
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'ECONNRESET' || code === 'EPIPE') {
    return { sent: false, code: 'TLS_HANDSHAKE_FAILED', message: `TLS handshake failed (${code || 'no code'})` };
  }
  return { sent: false, code: 'NETWORK_UNREACHABLE', message: `connect failed (${code || msg})` };
}

/** Anything after the connection existed: the request may have been received. */
export function classifyAfterConnectError(e: unknown): AttemptFailure {
  const code = codeOf(e);
  const msg = messageOf(e);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { sent: true, code: 'READ_TIMEOUT', message: `no complete answer in time: ${msg}` };
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return { sent: true, code: 'RESPONSE_TOO_LARGE', message: msg };
  if (code === 'UND_ERR_ABORTED' || (e instanceof Error && e.name === 'AbortError')) {
    return { sent: true, code: 'ABORTED', message: 'the request was aborted while in flight' };
  }
  return { sent: true, code: 'CONNECTION_RESET', message: `connection lost after sending (${code || msg})` };
}

/** Pre-send faults that justify trying the other domain (wxpay-v2.md section 6, J's rule). */
export function allowsFailover(f: AttemptFailure): boolean {
  return (
    !f.sent &&
    (f.code === 'DNS_FAILURE' ||
      f.code === 'CONNECTION_REFUSED' ||
      f.code === 'CONNECT_TIMEOUT' ||
      f.code === 'NETWORK_UNREACHABLE')
  );
}
