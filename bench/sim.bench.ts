// Simulator benchmark (`npm run bench:sim`): unifiedorder + orderquery pairs per second over loopback
// HTTP with keep-alive. The simulator runs in a forked child process (real clock), the client in this
// process (undici Pool, 16 connections, 32 pairs in flight), so the two share the machine's cores.
// Each pair: POST a unifiedorder, then an orderquery of that out_trade_no. Request bodies are signed
// and built before the clock starts (the codec has its own bench); every reply is checked for
// result_code SUCCESS and every 50th pair is fully parsed and signature-verified. A fixed number of
// pairs (capped at 60 s), after a warm-up.
// For context the same client first runs against a bare node:http server answering a fixed body
// (the ceiling of this machine at that moment; the machine is shared). Also reported: CPU time per
// pair in the simulator process, i.e. what one dedicated core would sustain.
// Sizes: SIM_PAIRS (default 30,000), SIM_WARMUP (2,000), SIM_BASELINE_PAIRS (10,000).
// Prints a markdown table and a machine line; writes docs/bench/sim.md. Target: >= 2,000 pairs/s.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { emitMetrics, machineLine } from './lib/report';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { realClock } from '../src/common/clock';
import { sign, verifySign } from '../src/core/wxpay/sign';
import { buildXml, parseXml } from '../src/core/wxpay/xml';
import { SANDBOX_MERCHANT, startSimulator } from '../src/sim';

const HERE = fileURLToPath(import.meta.url);
const WARMUP = Number(process.env.SIM_WARMUP ?? 2_000);
const PAIRS = Number(process.env.SIM_PAIRS ?? 30_000);
const BASELINE_PAIRS = Number(process.env.SIM_BASELINE_PAIRS ?? 10_000);
const IN_FLIGHT = 32;
const CAP_MS = 60_000;
const TARGET = 2_000;

/** Baseline: a bare node:http server answering every POST with a fixed XML body (the machine's ceiling). */
async function serveBare(): Promise<void> {
  const reply = Buffer.from(`<xml><return_code><![CDATA[SUCCESS]]></return_code>${'<result_code><![CDATA[SUCCESS]]></result_code>'}<trade_state><![CDATA[NOTPAY]]></trade_state></xml>`);
  const server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.setHeader('content-length', reply.byteLength);
      res.end(reply);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

async function serve(): Promise<void> {
  // 32k orders per run; the journal stays a bounded ring buffer.
  const sim = await startSimulator({ clock: realClock, merchants: [SANDBOX_MERCHANT] });
  process.send?.({ url: sim.url });
  // The parent asks for our CPU time around the measured phase (contention-independent cost).
  process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

let nonce = 0;
function body(fields: Record<string, string | number>): string {
  const p: Record<string, string | number> = { appid: SANDBOX_MERCHANT.appid, mch_id: SANDBOX_MERCHANT.mchId, nonce_str: `bench${++nonce}`, ...fields };
  p.sign = sign(p, SANDBOX_MERCHANT.key, 'MD5');
  return buildXml(p);
}

const SUCCESS = '<result_code><![CDATA[SUCCESS]]></result_code>';

async function post(pool: Pool, path: string, xml: string, full: boolean): Promise<string> {
  const r = await pool.request({ path, method: 'POST', body: xml, headers: { 'content-type': 'text/xml' } });
  const text = await r.body.text();
  if (r.statusCode !== 200 || !text.includes(SUCCESS)) throw new Error(`bad reply on ${path}: ${text}`);
  if (full && !verifySign(parseXml(text), SANDBOX_MERCHANT.key, 'MD5')) throw new Error(`bad signature on ${path}`);
  return text;
}

interface PairBodies {
  readonly order: string;
  readonly query: string;
}

function bodies(i: number): PairBodies {
  const no = `BENCH${process.pid}${String(i).padStart(8, '0')}`;
  return {
    order: body({ body: '模拟商户-测试店-商品', out_trade_no: no, total_fee: 1 + (i % 5000), spbill_create_ip: '127.0.0.1', notify_url: 'https://pos.example.com/n', trade_type: 'NATIVE', product_id: 'P1' }),
    query: body({ out_trade_no: no }),
  };
}

let prepared: PairBodies[] = [];

async function pair(pool: Pool, i: number, bare = false): Promise<number> {
  const b = prepared[i] ?? bodies(i);
  const t0 = performance.now();
  const full = !bare && i % 50 === 0;
  await post(pool, '/pay/unifiedorder', b.order, full);
  const q = await post(pool, '/pay/orderquery', b.query, full);
  if (!q.includes('<trade_state><![CDATA[NOTPAY]]></trade_state>')) throw new Error('unexpected trade_state');
  return performance.now() - t0;
}

async function drive(pool: Pool, from: number, count: number, deadline: number, bare = false): Promise<number[]> {
  const lat: number[] = [];
  let next = from;
  const end = from + count;
  const worker = async (): Promise<void> => {
    while (next < end && performance.now() < deadline) lat.push(await pair(pool, next++, bare));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return lat;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function startChild(mode: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(HERE, [mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

function cpuOf(child: ChildProcess): Promise<NodeJS.CpuUsage> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { cpu: NodeJS.CpuUsage }).cpu));
    child.send('cpu');
  });
}

/** Pairs/s (and server CPU per pair) of the same client against the bare server: this machine's ceiling now. */
async function baseline(): Promise<{ perSec: number; serverUs: number }> {
  const { child, url } = await startChild('--serve-bare');
  const pool = new Pool(url, { connections: 16, pipelining: 1, keepAliveTimeout: 30_000 });
  try {
    await drive(pool, 0, WARMUP, performance.now() + CAP_MS, true);
    const s0 = await cpuOf(child);
    const t0 = performance.now();
    const lat = await drive(pool, WARMUP, BASELINE_PAIRS, t0 + CAP_MS, true);
    const perSec = lat.length / ((performance.now() - t0) / 1000);
    const s1 = await cpuOf(child);
    return { perSec, serverUs: (s1.user + s1.system - s0.user - s0.system) / lat.length };
  } finally {
    await pool.close();
    child.disconnect();
  }
}

async function main(): Promise<void> {
  prepared = Array.from({ length: WARMUP + PAIRS }, (_, i) => bodies(i));
  const bare = await baseline();
  const { child, url } = await startChild('--serve');
  const pool = new Pool(url, { connections: 16, pipelining: 1, keepAliveTimeout: 30_000 });
  try {
    const start = performance.now();
    await drive(pool, 0, WARMUP, start + CAP_MS);
    const serverCpu = (): Promise<NodeJS.CpuUsage> => cpuOf(child);
    const s0 = await serverCpu();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const lat = await drive(pool, WARMUP, PAIRS, t0 + CAP_MS);
    const secs = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    const s1 = await serverCpu();
    const serverUs = (s1.user + s1.system - s0.user - s0.system) / lat.length;
    const clientUs = (c1.user + c1.system) / lat.length;
    lat.sort((a, b) => a - b);
    const perSec = lat.length / secs;
    const machine = machineLine();
    const table = [
      '| measure | value |',
      '|---|---:|',
      `| pairs (unifiedorder + orderquery) | ${lat.length.toLocaleString('en-US')} |`,
      `| elapsed | ${secs.toFixed(2)} s |`,
      `| **pairs/s** | **${Math.round(perSec).toLocaleString('en-US')}** (target >= ${TARGET.toLocaleString('en-US')}) |`,
      `| requests/s | ${Math.round(perSec * 2).toLocaleString('en-US')} |`,
      `| pair latency p50 / p99 | ${pct(lat, 0.5).toFixed(2)} / ${pct(lat, 0.99).toFixed(2)} ms |`,
      `| CPU per pair: simulator / client | ${serverUs.toFixed(0)} / ${clientUs.toFixed(0)} us |`,
      `| simulator capacity (1 core, = 1e6 / its CPU per pair) | ${Math.round(1e6 / serverUs).toLocaleString('en-US')} pairs/s |`,
      `| same client against a bare node:http server (machine ceiling now) | ${Math.round(bare.perSec).toLocaleString('en-US')} pairs/s, server CPU ${bare.serverUs.toFixed(0)} us/pair (simulator = ${Math.round((100 * perSec) / bare.perSec)} % of it) |`,
      `| machine load average (1 min) at the end | ${loadavg()[0]?.toFixed(2)} |`,
    ].join('\n');
    const md = `## Simulator (loopback HTTP, keep-alive)\n\nGenerated by \`npm run bench:sim\` (bench/sim.bench.ts): the simulator in a forked child process, the client in the parent (undici Pool, 16 keep-alive connections, ${IN_FLIGHT} pairs in flight); request bodies are signed (MD5) and built before timing, every reply is checked for result_code SUCCESS and every 50th pair fully parsed and verified; ${WARMUP.toLocaleString('en-US')} warm-up pairs first. The machine is shared: pairs/s moves with its load (see the last rows); the bare-server row and the CPU per pair say how much of that is the simulator.\n\n${table}\n\nMachine: ${machine}\n`;
    console.log(md);
    console.log(`machine: ${machine}`);
    emitMetrics({ 'pairs/s': perSec, 'pair latency p99 ms': pct(lat, 0.99), 'simulator CPU µs per pair': serverUs, 'bare-server pairs/s (ceiling now)': bare.perSec });
    const out = join(dirname(HERE), '..', 'docs', 'bench', 'sim.md');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, md);
    if (perSec < TARGET) {
      console.error(`below target: ${Math.round(perSec)} < ${TARGET} pairs/s`);
      process.exitCode = 1;
    }
  } finally {
    await pool.close();
    child.disconnect();
  }
}

if (process.argv.includes('--serve')) void serve();
else if (process.argv.includes('--serve-bare')) void serveBare();
else
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
