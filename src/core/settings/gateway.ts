// Holds the WxPayClient the engine uses and rebuilds it when the settings change (mode, key,
// certificate). The engine asks for it per request (EngineDeps.gateway), so a change takes effect at
// once; a replaced client (it holds the old key and certificate) is closed and dropped from memory once
// the requests still in flight on it have had RETIRED_CLIENT_GRACE_MS to finish (issue 11 point 8).
// A failure to resolve (keyring still locked at boot, settings unreadable) is not kept: the next
// client() call after a short pause tries again, so the engine's recovery can settle by itself.
import { type Clock, realClock } from '../../common/clock';
import type { Result } from '../../common/result';
import type { Logger } from '../logger';
import type { SignType, WxPayClient } from '../wxpay/types';

/** Where the gateway is: WeChat's hosts by default; the simulator in sandbox mode and tests. */
export interface GatewayTarget {
  readonly baseUrl?: string;
  readonly backupUrl?: string | null;
  /** Extra trusted CA (the simulator's test CA); never needed for the real gateway. */
  readonly ca?: string | Buffer | null;
}

/** Mirrors WxPayConfig (src/core/wxpay/client.ts) so the settings code can build one. */
export interface GatewayConfig extends GatewayTarget {
  readonly appid: string;
  readonly mchId: string;
  readonly key: string;
  readonly signType: SignType;
  readonly cert?: { readonly certPem: string; readonly keyPem: string } | null;
  readonly clock?: Clock;
}

export type ClientFactory = (cfg: GatewayConfig) => WxPayClient;

export interface GatewayHolder {
  client(): WxPayClient;
  /** Settings changed: the next client() builds a new one. */
  invalidate(): void;
  close(): Promise<void>;
  /** Replaced clients still held (waiting for in-flight requests); for tests and diagnostics. */
  retiredCount(): number;
}

/** Longer than any request of the client (its timeouts are seconds): then a retired client is closed and dropped. */
export const RETIRED_CLIENT_GRACE_MS = 120_000;

/** A client that answers every call with a configuration error (no credentials, unreadable secrets). */
export function unconfiguredClient(message: string): WxPayClient {
  const fix = async () => ({ kind: 'fix' as const, code: 'CONFIG_ERROR', message });
  return {
    unifiedOrder: fix,
    orderQuery: fix,
    closeOrder: fix,
    refund: fix,
    refundQuery: fix,
    microPay: fix,
    reverse: fix,
    downloadBill: fix,
    getSignKey: fix,
    close: async () => {},
  };
}

/** How long a failed resolve is answered from memory before client() tries again. */
export const GATEWAY_RETRY_MS = 5000;

export function createGatewayHolder(opts: {
  resolve: () => Result<GatewayConfig>;
  makeClient: ClientFactory;
  logger: Logger;
  /** For the retry pause; the real clock unless a test injects one. */
  clock?: Clock;
  retryMs?: number;
  retiredGraceMs?: number;
}): GatewayHolder {
  const clock = opts.clock ?? realClock;
  const retryMs = opts.retryMs ?? GATEWAY_RETRY_MS;
  let current: WxPayClient | null = null;
  // The last failure: its stand-in client (answers CONFIG_ERROR), when it happened, and its reason
  // (logged once per distinct reason, not on every retry).
  let failed: { client: WxPayClient; at: number; reason: string } | null = null;
  const retired = new Set<WxPayClient>();
  const closing = new AbortController();
  const retire = (c: WxPayClient): void => {
    retired.add(c);
    clock.sleep(opts.retiredGraceMs ?? RETIRED_CLIENT_GRACE_MS, closing.signal).then(
      () => {
        if (!retired.delete(c)) return;
        c.close().catch((e: unknown) => opts.logger.warn('retired gateway client did not close cleanly', { error: e }));
      },
      () => undefined, // holder closing: close() takes it
    );
  };
  const fail = (reason: string, message: string, log: () => void): WxPayClient => {
    if (failed?.reason !== reason) log();
    failed = { client: unconfiguredClient(message), at: clock.now(), reason };
    return failed.client;
  };
  return {
    client() {
      if (current) return current;
      if (failed && clock.now() - failed.at < retryMs) return failed.client;
      const cfg = opts.resolve();
      if (!cfg.ok) return fail(`resolve:${cfg.code}`, cfg.message, () => opts.logger.warn('gateway not configured', { code: cfg.code }));
      try {
        current = opts.makeClient(cfg.value);
      } catch (e) {
        // createWxPayClient throws TypeError for a malformed configuration (bad URL, missing id).
        return fail('build', 'The payment settings are not valid: check them in Settings.', () =>
          opts.logger.error('gateway client could not be built', { error: e }),
        );
      }
      if (failed) opts.logger.info('gateway configured after an earlier failure');
      failed = null;
      return current;
    },
    invalidate() {
      if (current) retire(current);
      current = null;
      failed = null;
    },
    async close() {
      closing.abort();
      const all = [...retired, ...(current ? [current] : [])];
      retired.clear();
      current = null;
      failed = null;
      await Promise.allSettled(all.map((c) => c.close()));
    },
    retiredCount: () => retired.size,
  };
}
