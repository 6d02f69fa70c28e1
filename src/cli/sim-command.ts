// `wxpay-pos sim [--port N] [--https] [--https-port N] [--merchant APPID:MCH_ID:KEY]... [--seed N]`:
// runs the WeChat Pay V2 gateway simulator standalone on 127.0.0.1 with real time until SIGINT/SIGTERM.
import { realClock } from '../common/clock';
import { SANDBOX_MERCHANT, SECOND_MERCHANT, startSimulator, type SimMerchant } from '../sim';

export interface SimIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE =
  'usage: wxpay-pos sim [--port N] [--https] [--https-port N] [--merchant APPID:MCH_ID:KEY]... [--seed N]';

interface SimArgs {
  port: number;
  httpsPort: number;
  https: boolean;
  seed: number;
  merchants: SimMerchant[];
}

function parsePort(v: string | undefined): number | null {
  if (v === undefined || !/^\d{1,5}$/.test(v)) return null;
  const n = Number(v);
  return n <= 65535 ? n : null;
}

export function parseSimArgs(argv: readonly string[]): { ok: true; value: SimArgs } | { ok: false; message: string } {
  const out: SimArgs = { port: 0, httpsPort: 0, https: false, seed: 1, merchants: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | undefined => argv[++i];
    switch (a) {
      case '--port': {
        const p = parsePort(next());
        if (p === null) return { ok: false, message: '--port needs a number 0..65535' };
        out.port = p;
        break;
      }
      case '--https-port': {
        const p = parsePort(next());
        if (p === null) return { ok: false, message: '--https-port needs a number 0..65535' };
        out.httpsPort = p;
        out.https = true;
        break;
      }
      case '--https':
        out.https = true;
        break;
      case '--seed': {
        const v = next();
        if (v === undefined || !/^\d{1,9}$/.test(v)) return { ok: false, message: '--seed needs a non-negative integer' };
        out.seed = Number(v);
        break;
      }
      case '--merchant': {
        const m = /^([A-Za-z0-9_]{1,32}):([0-9A-Za-z_]{1,32}):([0-9A-Za-z]{32})$/.exec(next() ?? '');
        if (!m) return { ok: false, message: '--merchant needs APPID:MCH_ID:KEY (KEY = 32 letters/digits)' };
        out.merchants.push({ appid: m[1] as string, mchId: m[2] as string, key: m[3] as string });
        break;
      }
      case '-h':
      case '--help':
        return { ok: false, message: '' };
      default:
        return { ok: false, message: `unknown option '${String(a)}'` };
    }
  }
  return { ok: true, value: out };
}

function waitForStop(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs until SIGINT/SIGTERM (or `opts.signal`, for tests); returns the exit code. */
export async function run(argv: string[], io: SimIo, opts: { signal?: AbortSignal } = {}): Promise<number> {
  const args = parseSimArgs(argv);
  if (!args.ok) {
    if (args.message) io.stderr(args.message);
    io.stderr(USAGE);
    return args.message ? 2 : 0;
  }
  const { port, https, httpsPort, seed } = args.value;
  const extra = args.value.merchants;
  const merchants = [SANDBOX_MERCHANT, SECOND_MERCHANT, ...extra.filter((m) => m.mchId !== SANDBOX_MERCHANT.mchId && m.mchId !== SECOND_MERCHANT.mchId)];
  let sim;
  try {
    sim = await startSimulator({ clock: realClock, merchants, https, port, httpsPort, seed });
  } catch (e) {
    io.stderr(`sim: could not start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const lines = [
    'WeChat Pay V2 gateway simulator (TEST ONLY - not WeChat, no real money)',
    `  http:    ${sim.url}`,
    ...(sim.httpsUrl ? [`  https:   ${sim.httpsUrl}   (mutual TLS on /secapi/*)`] : []),
    `  control: ${sim.controlUrl}   (phone, faults, orders, journal; see docs/simulator.md)`,
    `  token:   ${sim.controlToken}   (send as header x-sim-token on every /sim request)`,
    '',
    'sandbox merchant (test-only credentials):',
    `  appid   ${SANDBOX_MERCHANT.appid}`,
    `  mch_id  ${SANDBOX_MERCHANT.mchId}`,
    `  key     ${SANDBOX_MERCHANT.key}`,
    `second test merchant: appid ${SECOND_MERCHANT.appid}, mch_id ${SECOND_MERCHANT.mchId}, key ${SECOND_MERCHANT.key}`,
    ...extra.map((m) => `extra merchant: appid ${m.appid}, mch_id ${m.mchId} (key as given)`),
  ];
  if (sim.certs) {
    const c = sim.certs.merchant(SANDBOX_MERCHANT.mchId);
    lines.push(
      '',
      `test certificates (TEST ONLY): ${sim.certs.dir}`,
      `  CA (trust this for https):     ${sim.certs.ca}`,
      `  server cert / key:             ${sim.certs.serverCert} / ${sim.certs.serverKey}`,
      `  merchant client cert / key:    ${c.cert} / ${c.key}`,
      `  merchant PKCS#12 (pw = mch_id): ${c.p12}  (legacy RC2-40: ${c.legacyP12})`,
    );
  }
  lines.push('', 'Ctrl-C stops it.');
  io.stdout(lines.join('\n'));
  await waitForStop(opts.signal);
  await sim.close();
  io.stdout('simulator stopped');
  return 0;
}
