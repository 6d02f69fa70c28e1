// The real WeChat Pay client talking to the simulator in-process: the client's transport.post is
// answered by sim.handle() instead of a socket, so signing, XML, verification and outcome
// classification are the shipped code while time stays virtual. drop = refused before sending,
// reset = processed then the connection died, a reply held back past the read timeout = READ_TIMEOUT.
import type { Clock } from '../../../src/common/clock';
import { createWxPayClient, type WxPayHttpClient } from '../../../src/core/wxpay/client';
import type { SimulatorCore } from '../../../src/sim';
import { SANDBOX_MERCHANT } from '../../../src/sim';
import type { GatewayOrderFacts } from './harness';

export const READ_TIMEOUT_MS = 8000;

export function simClient(sim: SimulatorCore, clock: Clock): WxPayHttpClient {
  const client = createWxPayClient({
    appid: SANDBOX_MERCHANT.appid,
    mchId: SANDBOX_MERCHANT.mchId,
    key: SANDBOX_MERCHANT.key,
    signType: 'HMAC-SHA256',
    baseUrl: 'http://127.0.0.1:9',
    backupUrl: null,
    clock,
    readTimeoutMs: READ_TIMEOUT_MS,
  });
  const transport = client.transport as { post: WxPayHttpClient['transport']['post'] };
  transport.post = async (req) => {
    const r = await sim.handle({ method: 'POST', path: req.path, body: req.body });
    switch (r.kind) {
      case 'drop':
        return { kind: 'failure', sent: false, code: 'CONNECTION_REFUSED', message: 'connection refused', domain: 'primary', attempts: 1 };
      case 'reset':
        return { kind: 'failure', sent: true, code: 'CONNECTION_RESET', message: 'socket hang up', domain: 'primary', attempts: 1 };
      case 'reply': {
        if (r.delayMs >= READ_TIMEOUT_MS) {
          await clock.sleep(READ_TIMEOUT_MS);
          return { kind: 'failure', sent: true, code: 'READ_TIMEOUT', message: 'read timeout', domain: 'primary', attempts: 1 };
        }
        if (r.delayMs > 0) await clock.sleep(r.delayMs);
        const contentType = Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'text/xml';
        return { kind: 'response', status: r.status, contentType, body: Buffer.from(r.body), domain: 'primary', attempts: 1 };
      }
    }
  };
  return client;
}

export function simFacts(sim: SimulatorCore): GatewayOrderFacts[] {
  return sim.orders().map((o) => ({
    outTradeNo: o.outTradeNo,
    paid: o.state === 'SUCCESS' || o.state === 'REFUND',
    transactionId: o.transactionId,
    totalFee: o.totalFee,
    refundedFen: o.refundedFee,
    refundCount: o.refunds.length,
    closed: o.state === 'CLOSED' || o.state === 'REVOKED' || o.state === 'PAYERROR',
    liveRefundNos: o.refunds.filter((r) => r.status !== 'REFUNDCLOSE').map((r) => r.outRefundNo),
  }));
}
