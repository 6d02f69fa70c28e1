// Codec benchmark (`npm run bench:codec`): ops/s of sign, build and the parse+verify round trip of a
// typical orderquery response, ours against two peer SDKs in the same process and run; then the worst
// case of the hostile XML corpus. Prints markdown tables and a machine line; writes docs/bench/codec.md.
//
// Exactly what is measured per implementation:
//   ours    sign:  sign(params, key, type)                          (src/core/wxpay/sign.ts)
//           build: buildXml(params)                                 (src/core/wxpay/xml.ts)
//           round trip: verifySign(parseXml(xml), key, 'MD5')       (hardened parse + constant-time verify)
//           (also reported: the same with parseXml(xml, { engine: 'fast-xml-parser' }))
//   tenpay 2.1.18
//           sign:  Payment#_getSign(params, type)                   (util.toQueryString + md5/hmac)
//           build: util.buildXML(params)                            (xml2js Builder, CDATA)
//           round trip: await Payment#_parse(xml, 'orderquery', 'MD5')
//                  (xml2js parseString, return_code/result_code/appid/mch_id checks, _getSign compare)
//   wechatpay-axios-plugin 0.9.6
//           sign:  Hash.sign(type, params, key)                     (ksort + queryStringLike + md5/hmac)
//           build: Transformer.toXml(params)                        (fast-xml-parser XMLBuilder)
//           round trip: transformer.verifier.call({url}, Transformer.toObject(xml))
//                  (fast-xml-parser parse, return/result code checks, Hash.sign + Hash.equals)
// The round-trip input is one signed response built by us; every implementation is first checked to
// accept it, so no peer is timed on a failure path.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sign, verifySign } from '../src/core/wxpay/sign';
import type { SignType } from '../src/core/wxpay/sign';
import { XmlError, buildXml, parseXml, parseXmlBytes } from '../src/core/wxpay/xml';
import { HOSTILE_CORPUS } from '../test/fixtures/xml-hostile/corpus';

interface TenpayPayment {
  _getSign(params: Record<string, string>, type: SignType): string;
  _parse(xml: string, type: string, signType: SignType): Promise<Record<string, string>>;
}
interface Plugin {
  Hash: { sign(type: SignType, data: Record<string, string>, key: string): string };
  Transformer: {
    new (mchid: string, secret: string): {
      verifier: (this: { url: string }, data: unknown, headers?: unknown, status?: number) => unknown;
    };
    toXml(data: Record<string, string | number>): string;
    toObject(xml: string): Record<string, string>;
  };
}
const require = createRequire(import.meta.url);
const tenpay = require('tenpay') as { init(c: { appid: string; mchid: string; partnerKey: string }): TenpayPayment };
const tenpayUtil = require('tenpay/lib/util') as { buildXML(o: Record<string, string | number>): string };
const plugin: Plugin = {
  Hash: require('wechatpay-axios-plugin/lib/hash') as Plugin['Hash'],
  Transformer: require('wechatpay-axios-plugin/lib/transformer') as Plugin['Transformer'],
};

const KEY = '192006250b4c09247ec02edce69f6a2d';
const APPID = 'wx2421b1c4370ec43b';
const MCH = '1900000109';

// A typical orderquery response (wxpay-v2.md section 4.2 fields), signed with MD5.
const fields: Record<string, string> = {
  return_code: 'SUCCESS',
  return_msg: 'OK',
  appid: APPID,
  mch_id: MCH,
  device_info: 'POS-01',
  nonce_str: 'Xu1KXH3jPdBa2Kbr9tq0aZlN',
  result_code: 'SUCCESS',
  openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  is_subscribe: 'N',
  trade_type: 'NATIVE',
  bank_type: 'OTHERS',
  total_fee: '1288',
  fee_type: 'CNY',
  cash_fee: '1288',
  cash_fee_type: 'CNY',
  transaction_id: '4200001234567890123456789012',
  out_trade_no: 'T01-20261127-000042',
  attach: '门店 01 / 收银台 2',
  time_end: '20261127103000',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
};
const signed = { ...fields, sign: sign(fields, KEY, 'MD5') };
const buildInput: Record<string, string | number> = { ...signed, total_fee: 1288, cash_fee: 1288 };
const responseXml = buildXml(buildInput);

const tp = tenpay.init({ appid: APPID, mchid: MCH, partnerKey: KEY });
const pluginVerifier = new plugin.Transformer(MCH, KEY).verifier;
const pluginCtx = { url: '/pay/orderquery' };

async function sanityCheck(): Promise<void> {
  if (!verifySign(parseXml(responseXml), KEY, 'MD5')) throw new Error('ours rejects the response');
  const t = await tp._parse(responseXml, 'orderquery', 'MD5');
  if (t.sign !== signed.sign) throw new Error('tenpay rejects the response');
  const p = pluginVerifier.call(pluginCtx, plugin.Transformer.toObject(responseXml));
  if (p instanceof Error) throw new Error(`plugin rejects the response: ${p.message}`);
  if (tp._getSign(fields, 'HMAC-SHA256') !== sign(fields, KEY, 'HMAC-SHA256')) throw new Error('sign mismatch');
}

/** ops/s of fn over one time slice of `ms`, in batches of 100 calls. */
async function slice(fn: () => unknown, isAsync: boolean, ms: number): Promise<number> {
  let ops = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) {
      if (isAsync) await fn();
      else fn();
    }
    ops += 100;
    now = process.hrtime.bigint();
  }
  return ops / (Number(now - start) / 1e9);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * The machine is shared, so load drifts during a run: the implementations are measured in interleaved
 * slices (rotating order, 9 rounds of 120 ms each after a warm-up) and each reports its median.
 */
async function measureInterleaved<K extends string>(impls: Record<K, [() => unknown, boolean]>): Promise<Record<K, number>> {
  const keys = Object.keys(impls) as K[];
  for (const k of keys) await slice(impls[k][0], impls[k][1], 150); // warm-up
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < 9; round++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(round + j) % keys.length] as K;
      samples[k].push(await slice(impls[k][0], impls[k][1], 120));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>;
}

type Impl = 'ours' | 'tenpay' | 'wechatpay-axios-plugin';
interface Row {
  readonly op: string;
  readonly results: Record<Impl, number>;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function codecTable(): Promise<Row[]> {
  const rows: Row[] = [];
  const ops: [string, Record<Impl, [() => unknown, boolean]>][] = [
    [
      'sign MD5',
      {
        ours: [() => sign(signed, KEY, 'MD5'), false],
        tenpay: [() => tp._getSign(signed, 'MD5'), false],
        'wechatpay-axios-plugin': [() => plugin.Hash.sign('MD5', signed, KEY), false],
      },
    ],
    [
      'sign HMAC-SHA256',
      {
        ours: [() => sign(signed, KEY, 'HMAC-SHA256'), false],
        tenpay: [() => tp._getSign(signed, 'HMAC-SHA256'), false],
        'wechatpay-axios-plugin': [() => plugin.Hash.sign('HMAC-SHA256', signed, KEY), false],
      },
    ],
    [
      'build XML',
      {
        ours: [() => buildXml(buildInput), false],
        tenpay: [() => tenpayUtil.buildXML(buildInput), false],
        'wechatpay-axios-plugin': [() => plugin.Transformer.toXml(buildInput), false],
      },
    ],
    [
      'parse + verify round trip',
      {
        ours: [() => verifySign(parseXml(responseXml), KEY, 'MD5'), false],
        tenpay: [() => tp._parse(responseXml, 'orderquery', 'MD5'), true],
        'wechatpay-axios-plugin': [
          () => pluginVerifier.call(pluginCtx, plugin.Transformer.toObject(responseXml)),
          false,
        ],
      },
    ],
  ];
  for (const [op, impls] of ops) rows.push({ op, results: await measureInterleaved(impls) });
  return rows;
}

interface Worst {
  readonly id: string;
  readonly ms: number;
  readonly outcome: string;
}

/**
 * Median of 5 timed parses per corpus case (after one warm-up); the slowest cases. `liftedCap` replaces
 * the default 32 KiB cap (cases with their own cap keep it), to show the 1 MB cases stay cheap even
 * when they reach the scanner.
 */
function worstCases(liftedCap?: number): Worst[] {
  const timings: Worst[] = [];
  for (const c of HOSTILE_CORPUS) {
    const once = (): string => {
      try {
        const cap = c.maxBytes ?? liftedCap;
        const opts = cap === undefined ? undefined : { maxBytes: cap };
        if (typeof c.input === 'string') parseXml(c.input, opts);
        else parseXmlBytes(c.input, opts);
        return 'parsed';
      } catch (e) {
        if (e instanceof XmlError) return e.code;
        throw e;
      }
    };
    const outcome = once();
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      once();
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    samples.sort((a, b) => a - b);
    timings.push({ id: c.id, ms: samples[2] ?? 0, outcome });
  }
  return timings.sort((a, b) => b.ms - a.ms).slice(0, 5);
}

async function main(): Promise<void> {
  await sanityCheck();
  const rows = await codecTable();
  const fxpEngine = (
    await measureInterleaved({
      fxp: [() => verifySign(parseXml(responseXml, { engine: 'fast-xml-parser' }), KEY, 'MD5'), false],
    })
  ).fxp;
  const worst = worstCases();
  const worstLifted = worstCases(2 * 1024 * 1024);
  const cpu = cpus();
  const machine = `machine: node ${process.version} · ${cpu[0]?.model.trim() ?? 'unknown CPU'} · ${cpu.length} cores · ${new Date().toISOString()}`;

  const impls: Impl[] = ['ours', 'tenpay', 'wechatpay-axios-plugin'];
  const lines = [
    '| operation (orderquery response, 21 fields) | ours ops/s | tenpay ops/s | wechatpay-axios-plugin ops/s | ours / faster peer |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const peer = Math.max(r.results.tenpay, r.results['wechatpay-axios-plugin']);
    lines.push(`| ${r.op} | ${impls.map((i) => fmt(r.results[i])).join(' | ')} | ${(r.results.ours / peer).toFixed(2)}x |`);
  }
  const rt = rows.find((r) => r.op.startsWith('parse'));
  const rtRatio = rt ? rt.results.ours / Math.max(rt.results.tenpay, rt.results['wechatpay-axios-plugin']) : 0;
  const worstLines = [
    `| slowest hostile-corpus cases (of ${HOSTILE_CORPUS.length}, median of 5) | outcome | ms |`,
    '|---|---|---:|',
    ...worst.map((w) => `| ${w.id} | ${w.outcome} | ${w.ms.toFixed(2)} |`),
    '',
    '| same, cap lifted to 2 MiB (the 1 MB bodies reach the scanner) | outcome | ms |',
    '|---|---|---:|',
    ...worstLifted.map((w) => `| ${w.id} | ${w.outcome} | ${w.ms.toFixed(2)} |`),
  ];
  const worstMs = worst[0]?.ms ?? 0;
  const worstLiftedMs = worstLifted[0]?.ms ?? 0;
  const rtPeer = rt ? Math.max(rt.results.tenpay, rt.results['wechatpay-axios-plugin']) : 1;
  const verdicts = [
    `ours with engine 'fast-xml-parser' (scanner gate + fxp recipe): ${fmt(fxpEngine)} round trips/s, ` +
      `${(fxpEngine / rtPeer).toFixed(2)}x the faster peer`,
    `round trip: ours ${rtRatio.toFixed(2)}x the faster peer (target >= 3x): ${rtRatio >= 3 ? 'PASS' : 'FAIL'}`,
    `worst hostile case: ${worstMs.toFixed(2)} ms (target < 50 ms): ${worstMs < 50 ? 'PASS' : 'FAIL'}`,
    `worst hostile case with the cap lifted to 2 MiB: ${worstLiftedMs.toFixed(2)} ms`,
  ];
  const text = [
    '## Codec (sign / build / parse+verify)',
    '',
    ...lines,
    '',
    ...worstLines,
    '',
    ...verdicts.map((v) => `- ${v}`),
    '',
    machine,
    '',
  ].join('\n');
  console.log(text);

  const here = dirname(fileURLToPath(import.meta.url));
  const out = join(here, '..', 'docs', 'bench', 'codec.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    '# Codec benchmark\n\nGenerated by `npm run bench:codec` (bench/codec.bench.ts); the header of that file says ' +
      'exactly which functions of each library are timed. Implementations are measured in interleaved 120 ms ' +
      'slices (9 rounds, median) because the machine is shared.\n\n' +
      "`parseXml` defaults to the strict single-pass scanner (src/core/wxpay/xml-scan.ts); the engine " +
      "'fast-xml-parser' (scanner as gate, then fast-xml-parser with the reliability.md section 4 options) " +
      'gives identical results on the hostile corpus and the generated mutations (tested) but is slower ' +
      'than the peers, since fast-xml-parser alone takes ~170 us per 1 KB response.\n\n' +
      text,
  );
}

await main();
