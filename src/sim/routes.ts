// WeChat paths the simulator answers, including the old sandbox (/sandboxnew, both secapi variants)
// and the new one (/xdc/apiv2sandbox), which need the sandbox sign key and MD5.
import type { SimEndpoint } from './sim-types';

export interface Route {
  readonly endpoint: SimEndpoint;
  readonly sandboxKeyed: boolean; // WeChat's old sandbox paths: MD5 with the getsignkey key
  /** Needs the merchant's client certificate (on the HTTPS listener). */
  readonly secapi: boolean;
}

const BASE: Record<string, Omit<Route, 'sandboxKeyed'>> = {
  '/pay/unifiedorder': { endpoint: 'unifiedorder', secapi: false },
  '/pay/orderquery': { endpoint: 'orderquery', secapi: false },
  '/pay/closeorder': { endpoint: 'closeorder', secapi: false },
  '/pay/micropay': { endpoint: 'micropay', secapi: false },
  '/secapi/pay/reverse': { endpoint: 'reverse', secapi: true },
  '/secapi/pay/refund': { endpoint: 'refund', secapi: true },
  '/pay/refundquery': { endpoint: 'refundquery', secapi: false },
  '/pay/downloadbill': { endpoint: 'downloadbill', secapi: false },
  '/payitil/report': { endpoint: 'report', secapi: false },
};

const TABLE = new Map<string, Route>();
for (const [path, r] of Object.entries(BASE)) {
  TABLE.set(path, { ...r, sandboxKeyed: false });
  if (r.endpoint === 'report') continue;
  TABLE.set(`/sandboxnew${path}`, { ...r, sandboxKeyed: true });
  TABLE.set(`/xdc/apiv2sandbox${path}`, { ...r, sandboxKeyed: true });
}
// G's sandbox variant without secapi (no client certificate).
TABLE.set('/sandboxnew/pay/refund', { endpoint: 'refund', secapi: false, sandboxKeyed: true });
TABLE.set('/sandboxnew/pay/reverse', { endpoint: 'reverse', secapi: false, sandboxKeyed: true });
TABLE.set('/sandboxnew/pay/getsignkey', { endpoint: 'getsignkey', secapi: false, sandboxKeyed: false });
TABLE.set('/xdc/apiv2getsignkey/sign/getsignkey', { endpoint: 'getsignkey', secapi: false, sandboxKeyed: false });

export function routeOf(path: string): Route | null {
  return TABLE.get(path) ?? null;
}
