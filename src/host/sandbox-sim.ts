// Starts the sandbox gateway for sandbox mode (issue 5 point 7).
//
// Choice: the in-process simulator listens on 127.0.0.1 over HTTPS with the test CA from
// resources/test-certs, and the sandbox merchant's client certificate is used for /secapi (refund,
// reverse), so sandbox refunds take exactly the mTLS path a live refund takes. When the test
// certificates are missing (a stripped build), it falls back to plain HTTP on loopback, where the
// client sends /secapi without a certificate (the transport allows that only over http on loopback).
// The phone is driven in-process; an external simulator ({ url }) is driven over its /sim/* API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import type { PhoneAction } from '../common/api';
import type { Clock } from '../common/clock';
import { err, ok, type Result } from '../common/result';
import type { Logger } from '../core/logger';
import type { SandboxMerchant } from '../core/settings/sandbox-port';
import { idCounterStartAt, SANDBOX_MERCHANT, startSimulator } from '../sim';
import { mintPlanOf, PAY_SLOWLY_MS, type SandboxRuntime } from './sandbox-runtime';

export interface SandboxStartOptions {
  readonly clock: Clock;
  readonly simulator: 'in-process' | { readonly url: string };
  readonly certsDir: string;
  /** Default: true when the test certificates are present. */
  readonly https?: boolean;
  readonly seed?: number;
  readonly logger: Logger;
}

/** The real sandbox signs with MD5 only (wxpay-v2.md 2.5); the simulator mirrors that habit. */
export const SANDBOX: SandboxMerchant = {
  appid: SANDBOX_MERCHANT.appid,
  mchId: SANDBOX_MERCHANT.mchId,
  key: SANDBOX_MERCHANT.key,
  signType: 'MD5',
};

interface PhoneOutcomeLike {
  readonly ok: boolean;
  readonly reason?: string;
  readonly message?: string;
}

/** The phone answers ok:false for "not enough money" too, which is what 'fail' asked for. */
function phoneResult(action: PhoneAction, o: PhoneOutcomeLike): Result<null> {
  if (o.ok) return ok(null);
  if (action === 'fail' && (o.reason === 'NOTENOUGH' || o.reason === 'BANKERROR')) return ok(null);
  return err('GATEWAY_ERROR', `The simulated phone could not do that: ${o.message ?? o.reason ?? 'refused'}`);
}

function certMaterial(dir: string): { ca: Buffer; cert: { certPem: string; keyPem: string } } | null {
  const files = ['ca.pem', `merchant-${SANDBOX.mchId}.pem`, `merchant-${SANDBOX.mchId}.key`].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return null;
  const [ca, certPem, keyPem] = files.map((f) => readFileSync(f));
  return { ca: ca!, cert: { certPem: certPem!.toString('utf8'), keyPem: keyPem!.toString('utf8') } };
}

async function inProcess(opts: SandboxStartOptions): Promise<SandboxRuntime> {
  const material = opts.https === false ? null : certMaterial(opts.certsDir);
  if (opts.https === true && !material) throw new Error(`sandbox HTTPS needs the test certificates in ${opts.certsDir}`);
  const sim = await startSimulator({
    clock: opts.clock,
    host: '127.0.0.1',
    port: 0,
    seed: opts.seed ?? 1,
    // A restart must not replay the ids of the last run (issue 10 point 7): counters start from the clock.
    idCounterStart: idCounterStartAt(opts.clock.now()),
    certsDir: opts.certsDir,
    ...(material ? { https: true, httpsPort: 0 } : { https: false }),
  });
  const baseUrl = material ? sim.httpsUrl : sim.url;
  if (!baseUrl) {
    await sim.close();
    throw new Error('the simulator did not open its HTTPS listener');
  }
  opts.logger.info('sandbox simulator started', { url: baseUrl });
  return {
    target: { baseUrl, backupUrl: null, ca: material?.ca ?? null },
    merchant: SANDBOX,
    cert: material?.cert ?? null,
    simulator: sim,
    async phone(action, codeUrl) {
      const p = sim.phone;
      switch (action) {
        case 'pay':
          return phoneResult(action, p.scanAndPay(codeUrl));
        case 'pay-slowly':
          return phoneResult(action, p.scanAndPayAfter(codeUrl, PAY_SLOWLY_MS));
        case 'fail':
          return phoneResult(action, p.scanAndFail(codeUrl, 'NOTENOUGH'));
        case 'abandon':
          return phoneResult(action, p.scan(codeUrl));
        default: {
          const never: never = action;
          return never;
        }
      }
    },
    close: () => sim.close(),
    // --- issue 12 quick pay (i12-engine) ---
    paymentCode: async (customer) => ok({ authCode: sim.phone.mintAuthCode(mintPlanOf(customer)) }),
    password: async (authCode, action) => {
      const o = action === 'enter' ? sim.phone.enterPassword(authCode, 'pay') : sim.phone.abandonPassword(authCode);
      return o.ok ? ok(null) : err('GATEWAY_ERROR', `The simulated phone could not do that: ${o.message}`);
    },
  };
}

/** An already running simulator (the CLI's, or the e2e harness's): WeChat paths and /sim/* at url. */
function external(opts: SandboxStartOptions, url: string): SandboxRuntime {
  const base = url.replace(/\/+$/, '');
  const https = base.startsWith('https:');
  const material = https ? certMaterial(opts.certsDir) : null;
  const post = async (path: string, body: unknown): Promise<Result<null>> => {
    try {
      const res = await request(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await res.body.json()) as PhoneOutcomeLike;
      return res.statusCode === 200 ? ok(null) : err('GATEWAY_ERROR', `simulator said ${res.statusCode}: ${answer.message ?? ''}`);
    } catch (e) {
      return err('GATEWAY_UNREACHABLE', `The simulator at ${base} cannot be reached (${e instanceof Error ? e.message : String(e)}).`);
    }
  };
  return {
    target: { baseUrl: base, backupUrl: null, ca: material?.ca ?? null },
    merchant: SANDBOX,
    cert: material?.cert ?? null,
    simulator: null,
    phone(action, codeUrl) {
      switch (action) {
        case 'pay':
          return post('/sim/phone/pay', { codeUrl });
        case 'pay-slowly':
          return post('/sim/phone/pay', { codeUrl, afterMs: PAY_SLOWLY_MS });
        case 'fail':
          return post('/sim/phone/fail', { codeUrl, reason: 'NOTENOUGH' });
        case 'abandon':
          return post('/sim/phone/scan', { codeUrl });
        default: {
          const never: never = action;
          return never;
        }
      }
    },
    close: async () => {},
    // --- issue 12 quick pay (i12-engine) ---
    paymentCode: async (customer) => {
      try {
        const res = await request(`${base}/sim/phone/auth-code`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(mintPlanOf(customer)),
        });
        const answer = (await res.body.json()) as { authCode?: unknown };
        return res.statusCode === 200 && typeof answer.authCode === 'string'
          ? ok({ authCode: answer.authCode })
          : err('GATEWAY_ERROR', `simulator said ${res.statusCode}`);
      } catch (e) {
        return err('GATEWAY_UNREACHABLE', `The simulator at ${base} cannot be reached (${e instanceof Error ? e.message : String(e)}).`);
      }
    },
    password: (authCode, action) => post('/sim/phone/password', { authCode, result: action === 'enter' ? 'pay' : 'abandon' }),
  };
}

export async function startSandbox(opts: SandboxStartOptions): Promise<SandboxRuntime> {
  return opts.simulator === 'in-process' ? inProcess(opts) : external(opts, opts.simulator.url);
}
