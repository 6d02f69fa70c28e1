// The simulator's own control surface under /sim/ (JSON; deliberately outside WeChat's paths, and
// served on the plain HTTP listener only): the phone, faults, scripted refunds, listings, the clock.
import { z } from 'zod';
import type { Clock } from '../common/clock';
import { billTamperSchema, type BillTamper } from './bill-tampers';
import type { SimFaults } from './faults';
import type { SimPhone } from './phone';
import { FAULT_KINDS, SIM_ENDPOINTS, type FaultSpec, type JournalEntry, type SimMerchant, type SimResult } from './sim-types';
import type { SimOrderView, SimRefundView } from './views';

export interface ControlTarget {
  readonly clock: Clock;
  readonly phone: SimPhone;
  readonly faults: SimFaults;
  orders(mchId?: string): SimOrderView[];
  refunds(mchId?: string): SimRefundView[];
  journal(limit?: number): JournalEntry[];
  merchants(): SimMerchant[];
  addMerchant(m: SimMerchant): void;
  scriptRefund(outcome: 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE', outRefundNo?: string): void;
  tamperBill(t: BillTamper): void;
  clearBillTampers(): void;
  reset(): void;
}

const codeUrl = z.string().min(1).max(256);
const schemas = {
  scan: z.strictObject({ codeUrl }),
  pay: z.strictObject({ codeUrl, afterMs: z.int().min(0).max(86_400_000).optional() }),
  fail: z.strictObject({ codeUrl, reason: z.enum(['NOTENOUGH', 'BANKERROR']) }),
  authCode: z.strictObject({
    then: z.enum(['pay', 'auto', 'password', 'payerror', 'notenough', 'abandon']).optional(),
    afterMs: z.int().min(0).max(86_400_000).optional(),
  }),
  password: z.strictObject({ authCode: z.string().min(1).max(32), result: z.enum(['pay', 'fail', 'abandon']).optional() }),
  fault: z.strictObject({
    endpoint: z.enum([...SIM_ENDPOINTS, '*']),
    kind: z.enum(FAULT_KINDS),
    count: z.int().min(1).max(1_000_000).optional(),
    probability: z.number().min(0).max(1).optional(),
    delayMs: z.int().min(0).max(120_000).optional(),
    applied: z.boolean().optional(),
    mchId: z.string().min(1).max(32).optional(),
  }),
  script: z.strictObject({ outcome: z.enum(['SUCCESS', 'REFUNDCLOSE', 'CHANGE']), outRefundNo: z.string().min(1).max(64).optional() }),
  merchant: z.strictObject({
    appid: z.string().min(1).max(32),
    mchId: z.string().min(1).max(32),
    key: z.string().length(32),
    name: z.string().max(64).optional(),
  }),
  advance: z.strictObject({ ms: z.int().min(0).max(400 * 86_400_000) }),
};

function json(status: number, value: unknown): SimResult {
  return { kind: 'reply', status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(value), 'utf8'), delayMs: 0 };
}

function readJson(body: Uint8Array | string | undefined): unknown {
  const text = body === undefined ? '' : typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  if (text.trim() === '') return {};
  return JSON.parse(text) as unknown;
}

type Advancer = Clock & { advance(ms: number): Promise<void> };
const canAdvance = (c: Clock): c is Advancer => typeof (c as Partial<Advancer>).advance === 'function';

/** Serves one /sim/* request. */
export async function handleControl(t: ControlTarget, method: string, path: string, body: Uint8Array | string | undefined): Promise<SimResult> {
  const url = new URL(path, 'http://sim.local');
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  const mchId = url.searchParams.get('mch_id') ?? undefined;
  let input: unknown;
  try {
    input = method === 'POST' ? readJson(body) : {};
  } catch {
    return json(400, { error: 'body is not JSON' });
  }
  const parse = <S extends z.ZodType>(schema: S): z.infer<S> => schema.parse(input);
  try {
    switch (route) {
      case 'GET /sim':
        return json(200, {
          merchants: t.merchants().map((m) => ({ appid: m.appid, mchId: m.mchId, name: m.name ?? null })),
          now: t.clock.now(),
          endpoints: SIM_ENDPOINTS,
          faultKinds: FAULT_KINDS,
        });
      case 'POST /sim/phone/scan':
        return json(200, t.phone.scan(parse(schemas.scan).codeUrl));
      case 'POST /sim/phone/pay': {
        const a = parse(schemas.pay);
        return json(200, a.afterMs === undefined ? t.phone.scanAndPay(a.codeUrl) : t.phone.scanAndPayAfter(a.codeUrl, a.afterMs));
      }
      case 'POST /sim/phone/fail': {
        const a = parse(schemas.fail);
        return json(200, t.phone.scanAndFail(a.codeUrl, a.reason));
      }
      case 'POST /sim/phone/auth-code': {
        const a = parse(schemas.authCode);
        return json(200, { authCode: t.phone.mintAuthCode({ ...(a.then ? { then: a.then } : {}), ...(a.afterMs !== undefined ? { afterMs: a.afterMs } : {}) }) });
      }
      case 'POST /sim/phone/password': {
        const a = parse(schemas.password);
        return json(200, a.result === 'abandon' ? t.phone.abandonPassword(a.authCode) : t.phone.enterPassword(a.authCode, a.result));
      }
      case 'GET /sim/orders':
        return json(200, { orders: t.orders(mchId) });
      case 'GET /sim/refunds':
        return json(200, { refunds: t.refunds(mchId) });
      case 'GET /sim/journal': {
        const limit = Number(url.searchParams.get('limit') ?? '1000');
        return json(200, { journal: t.journal(Number.isSafeInteger(limit) && limit > 0 ? limit : 1000) });
      }
      case 'GET /sim/faults':
        return json(200, { faults: t.faults.list() });
      case 'POST /sim/faults': {
        const spec = parse(schemas.fault) as FaultSpec;
        return json(200, { id: t.faults.add(spec) });
      }
      case 'DELETE /sim/faults':
        t.faults.clear();
        return json(200, { cleared: true });
      case 'POST /sim/refunds/script': {
        const a = parse(schemas.script);
        t.scriptRefund(a.outcome, a.outRefundNo);
        return json(200, { scripted: true });
      }
      case 'POST /sim/bills/tamper':
        t.tamperBill(parse(billTamperSchema));
        return json(200, { tampered: true });
      case 'DELETE /sim/bills/tamper':
        t.clearBillTampers();
        return json(200, { cleared: true });
      case 'POST /sim/merchants': {
        const m = parse(schemas.merchant);
        t.addMerchant(m);
        return json(200, { added: m.mchId });
      }
      case 'POST /sim/reset':
        t.reset();
        return json(200, { reset: true });
      case 'GET /sim/clock':
        return json(200, { now: t.clock.now(), virtual: canAdvance(t.clock) });
      case 'POST /sim/clock/advance': {
        if (!canAdvance(t.clock)) return json(409, { error: 'the simulator runs on real time' });
        await t.clock.advance(parse(schemas.advance).ms);
        return json(200, { now: t.clock.now() });
      }
      default: {
        const del = /^DELETE \/sim\/faults\/(\d+)$/.exec(route);
        if (del) return json(200, { removed: t.faults.remove(Number(del[1])) });
        return json(404, { error: `no control route ${route}` });
      }
    }
  } catch (e) {
    if (e instanceof z.ZodError) return json(400, { error: 'invalid payload', issues: e.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    if (e instanceof RangeError) return json(400, { error: e.message });
    throw e;
  }
}
