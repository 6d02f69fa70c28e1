// (c) kill -9: a child process runs the engine (crash-runner.ts, bundled once with esbuild so a
// start costs ~0.1 s instead of tsx's ~1.5 s) against the simulator in THIS process over loopback
// HTTP with the real client. The child is SIGKILLed at each named crash point (5 times each, at
// different occurrences) and at random moments; then the engine restarts here on the same file:
// recovery must finish in under 5 s, everything must become final, and every invariant must hold.
// Sizes (test/support/sizes.ts): soak = every named point x5 + 200 random moments; unit = 3 points x2
// + 4 random moments. ENGINE_CRASH_RANDOM=n changes the random count; ENGINE_CRASH_POINTS=a,b runs only
// those named points (e.g. ENGINE_CRASH_POINTS=closing.before-commit ENGINE_CRASH_RANDOM=0).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/checkout/engine';
import { CRASH_POINTS, type CrashPoint } from '../../../src/core/checkout/engine-types';
import { tillTag } from '../../../src/core/ids';
import { startSimulator, type Simulator } from '../../../src/sim';
import { CRASH_FLOOR_MS, crashEngineDeps } from './crash-runner';
import { checkInvariants, tempDir } from './harness';
import { simFacts } from './sim-bridge';
import { suitePlan } from '../../support/sizes';

const { seed, size, soak } = suitePlan(import.meta.url, {
  seedVar: 'ENGINE_CRASH_SEED',
  sizeVar: { random: 'ENGINE_CRASH_RANDOM' },
  unit: { repeats: 2, random: 4 },
  soak: { repeats: 5, random: 200 },
});
const { repeats: REPEATS, random: RANDOM } = size;
// unit: the lost answer to an order, the lost answer to a refund, and a crash during recovery, x2
const POINTS: readonly CrashPoint[] = pointsFromEnv() ?? (soak ? CRASH_POINTS : ['unifiedorder.after-send', 'refund.after-send', 'recovery.started']);

function pointsFromEnv(): CrashPoint[] | null {
  const raw = process.env.ENGINE_CRASH_POINTS?.trim();
  if (!raw) return null;
  const names = raw.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(CRASH_POINTS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`ENGINE_CRASH_POINTS: unknown crash point(s) ${unknown.join(', ')} / 未知的崩溃点; known: ${CRASH_POINTS.join(', ')}`);
  return names as CrashPoint[];
}
const PARALLEL = 4;

/** How many times each point is passed in one scenario run (the nth occurrence varies per repeat). */
const OCCURRENCES: Record<CrashPoint, number> = {
  'charge.before-commit': 4,
  'charge.after-commit': 4,
  'unifiedorder.after-send': 4,
  'unifiedorder.before-commit': 4,
  'paid.before-commit': 3,
  'paid.after-commit': 3,
  'paid.outside-refunds.before-commit': 1,
  'closing.before-commit': 1,
  'cancel.after-commit': 2,
  'close.before-send': 1,
  'close.after-send': 1,
  'refund.before-commit': 1,
  'refund.after-commit': 1,
  'refund.after-send': 1,
  'refund.success.before-commit': 1,
  'refund.change-handled.before-commit': 1,
  'recovery.started': 1,
  // issue 12 quick pay: the runner's scenario has no quick pay yet, so these are named for the soak's
  // list; a point the scenario never passes ends the run without a crash and is checked the same way.
  'micropay.after-send': 1,
  'userpaying.after-commit': 1,
  'reverse.before-send': 1,
  'reverse.after-send': 1,
};

let sim: Simulator;
let runner: string;
let root: string;
let cycleNo = 0;
const recoveryMs: number[] = [];
let rng = seed >>> 0;
const random = (): number => {
  rng = (Math.imul(rng ^ (rng >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
  return rng / 4294967296;
};

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[];
  ms: number;
  /** From the child's "ready" line (recovery done) to its exit. */
  sessionMs: number;
}

function runChild(env: Record<string, string>, killAfterMs?: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [runner], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    // Random kills are timed from the child's "ready" line, so they land inside the till session
    // rather than in Node's start-up.
    let timer: NodeJS.Timeout | null = null;
    let readyAt = 0;
    child.stdout.on('data', () => {
      if (readyAt === 0 && out.includes('"ready"')) {
        readyAt = performance.now();
        if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      if (errText.trim()) out += `\n[stderr] ${errText.trim().slice(0, 500)}`;
      const end = performance.now();
      resolve({ code, signal, lines: out.split('\n').filter(Boolean), ms: end - t0, sessionMs: readyAt ? end - readyAt : 0 });
    });
  });
}

/** Restart on the same file here, recover, let everything settle, check every invariant. */
async function recoverAndCheck(db: string, tag: string): Promise<string[]> {
  const deps = crashEngineDeps({ db, simUrl: sim.url, tag });
  const engine = createEngine(deps);
  const t0 = performance.now();
  await engine.start();
  const ms = performance.now() - t0;
  recoveryMs.push(ms);
  const problems: string[] = [];
  if (ms >= 5000) problems.push(`recovery took ${ms.toFixed(0)} ms`);
  const open = (): number =>
    deps.store.db
      .prepare('SELECT (SELECT count(*) FROM payment_attempts WHERE final_at IS NULL) + (SELECT count(*) FROM refunds WHERE final_at IS NULL)')
      .pluck()
      .get() as number;
  const end = performance.now() + 15_000;
  while (open() > 0 && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
  if (open() > 0) problems.push('attempts or refunds still open 15 s after restart');
  await engine.stop();
  const prefix = `P${tillTag(tag)}`;
  const facts = simFacts(sim).filter((f) => f.outTradeNo.startsWith(prefix));
  problems.push(...checkInvariants(deps.store, facts, { settled: true, now: Date.now(), boundMs: 10 * 60_000 }));
  deps.store.close();
  return problems;
}

async function cycle(kind: { point: CrashPoint; nth: number } | { killAfterMs: number }): Promise<void> {
  const n = ++cycleNo;
  const tag = `k${String(n).padStart(4, '0')}`;
  const dir = join(root, tag);
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'pos.db');
  const base = { DB: db, SIM_URL: sim.url, TAG: tag };
  const label = 'point' in kind ? `${kind.point}#${kind.nth}` : `random ${kind.killAfterMs} ms`;
  if ('point' in kind && kind.point === 'recovery.started') {
    // crash mid-session first, then crash again while the restarted engine is recovering
    const first = await runChild({ ...base, CRASH_RUNNER_MODE: 'scenario', CRASH_POINT: 'paid.before-commit', CRASH_NTH: '1' });
    expect(first.signal, `${label}: first crash ${first.lines.join(' | ')}`).toBe('SIGKILL');
    const second = await runChild({ ...base, CRASH_RUNNER_MODE: 'recover', CRASH_POINT: 'recovery.started', CRASH_NTH: '1' });
    expect(second.signal, `${label}: ${second.lines.join(' | ')}`).toBe('SIGKILL');
  } else if ('point' in kind) {
    const r = await runChild({ ...base, CRASH_RUNNER_MODE: 'scenario', CRASH_POINT: kind.point, CRASH_NTH: String(kind.nth) });
    expect(r.signal, `${label} was never reached: ${r.lines.join(' | ')}`).toBe('SIGKILL');
  } else {
    const r = await runChild({ ...base, CRASH_RUNNER_MODE: 'scenario' }, kind.killAfterMs);
    expect(r.lines.some((l) => l.includes('"error"')), `${label}: ${r.lines.join(' | ')}`).toBe(false);
  }
  const problems = await recoverAndCheck(db, tag);
  expect(problems, `${label} (seed ${seed})`).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
}

async function pool(jobs: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        try {
          await job();
        } catch (e) {
          errors.push(e);
        }
      }
    }),
  );
  if (errors.length) throw errors[0];
}

describe('kill -9 of the engine process', () => {
  let scenarioMs = 1500;

  beforeAll(async () => {
    console.log('engine crash seed', seed, `(replay: ENGINE_CRASH_SEED=${seed})`);
    const out = join(process.cwd(), 'node_modules', '.cache', 'wxpay-pos-engine-crash');
    runner = join(out, 'crash-runner.mjs');
    await build({
      entryPoints: [join(process.cwd(), 'test/unit/engine/crash-runner.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: runner,
      logLevel: 'error',
    });
    root = tempDir('engine-crash');
    sim = await startSimulator({ host: '127.0.0.1', port: 0, closeFloorMs: CRASH_FLOOR_MS, refundDelayMs: 100, seed });
    // calibrate the random moments on a clean run
    const dir = join(root, 'clean');
    mkdirSync(dir, { recursive: true });
    const clean = await runChild({ DB: join(dir, 'pos.db'), SIM_URL: sim.url, TAG: 'clean', CRASH_RUNNER_MODE: 'scenario' });
    expect(clean.code, clean.lines.join(' | ')).toBe(0);
    scenarioMs = clean.sessionMs;
    console.log('clean scenario run', Math.round(clean.ms), 'ms, session after ready', Math.round(clean.sessionMs), 'ms');
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(`named points x${REPEATS} and ${RANDOM} random moments: recovery < 5 s, invariants hold`, async () => {
    const t0 = performance.now();
    const jobs: (() => Promise<void>)[] = [];
    for (const point of POINTS)
      for (let i = 0; i < REPEATS; i++) jobs.push(() => cycle({ point, nth: 1 + (i % OCCURRENCES[point]) }));
    const named = jobs.length;
    for (let i = 0; i < RANDOM; i++) {
      const ms = Math.floor(random() * scenarioMs);
      jobs.push(() => cycle({ killAfterMs: ms }));
    }
    await pool(jobs, PARALLEL);
    const sorted = [...recoveryMs].sort((a, b) => a - b);
    console.log('engine crash:', {
      named,
      random: RANDOM,
      seconds: Math.round((performance.now() - t0) / 1000),
      recoveryMsP50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      recoveryMsMax: Math.round(sorted.at(-1) ?? 0),
    });
  }, soak ? 1_800_000 : 400_000); // the soak size takes ~6 min on a loaded 2-core machine
});
