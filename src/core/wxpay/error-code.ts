// One mapping from a gateway Outcome to the bridge's ErrorCode (src/common/errors.ts), so the engine and
// the UI say the same thing for the same failure. ok has no error code.
import type { ErrorCode } from '../../common/errors';
import type { Outcome } from './types';

export function outcomeErrorCode(o: Outcome<unknown>): ErrorCode | null {
  switch (o.kind) {
    case 'ok':
      return null;
    case 'fail':
      return 'GATEWAY_ERROR';
    case 'unknown':
      return 'GATEWAY_UNKNOWN';
    case 'retry-same':
      // pre-send network faults are "unreachable"; WeChat's own retry codes are gateway errors
      return ['DNS_FAILURE', 'CONNECTION_REFUSED', 'CONNECT_TIMEOUT', 'NETWORK_UNREACHABLE'].includes(o.code)
        ? 'GATEWAY_UNREACHABLE'
        : 'GATEWAY_ERROR';
    case 'fix':
      if (o.code.startsWith('CLIENT_CERT_') || o.code === 'TLS_CLIENT_CERT_REJECTED') return 'CERT_ERROR';
      if (o.code === 'INPUT_AMOUNT' || o.code === 'INPUT_REFUND_EXCEEDS_TOTAL') return 'INVALID_AMOUNT';
      if (o.code.startsWith('INPUT_')) return 'INVALID_PAYLOAD';
      return 'CONFIG_ERROR';
    default: {
      const never: never = o;
      throw new Error(`unknown outcome ${JSON.stringify(never)}`);
    }
  }
}
