// Issue 13 point 6: Z numbering survives kill -9 during close. A child process (z-crash-runner.ts,
// bundled once with esbuild) closes business days and is SIGKILLed at each Z crash point; a second run
// finishes the days. Then: Z numbers run 1..n with no gap or repeat, each day has exactly one Z, each Z
// holds what the day held, and the audit chain verifies.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZCrashPoint } from '../../../src/core/day';
import { openStore } from '../../../src/core/store';
import type { DayReport } from '../../../src/common/day';
import { dayRig } from './day-rig';

const POINTS: readonly ZCrashPoint[] = ['z.before-commit', 'z.after-insert', 'z.after-commit'];
const DAYS = 4;
const T0 = Date.UTC(2026, 10, 20, 4, 0, 0); // 12:00 Beijing
let root = '';
let runner = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'z-crash-'));
  // Next to node_modules so the bundle's external packages (better-sqlite3) resolve.
  runner = join(process.cwd(), 'node_modules', '.cache', 'wxpay-pos-z-crash', 'z-crash-runner.mjs');
  await build({
    entryPoints: [join(process.cwd(), 'test/unit/day/z-crash-runner.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: runner,
    logLevel: 'silent',
  });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(env: Record<string, string>): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, out });
    });
  });
}

describe('Z numbering under kill -9', () => {
  for (const point of POINTS) {
    for (const nth of [1, 3]) {
      it(`${point} at the ${nth}. close`, async () => {
        const dir = mkdtempSync(join(root, 'k'));
        const env = { DB: join(dir, 'pos.sqlite'), T0: String(T0), DAYS: String(DAYS) };
        const crashed = await run({ ...env, Z_CRASH_POINT: point, Z_CRASH_NTH: String(nth) });
        expect(crashed.signal, crashed.out).toBe('SIGKILL');
        const finished = await run(env);
        expect(finished.code, finished.out).toBe(0);

        const store = openStore(env.DB);
        expect(store.startup.audit.ok).toBe(true);
        const rows = store.db.prepare("SELECT seq, business_day, report FROM z_reports WHERE mode = 'LIVE' ORDER BY seq").all() as {
          seq: number;
          business_day: string;
          report: string;
        }[];
        store.close();
        expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
        expect(new Set(rows.map((r) => r.business_day)).size).toBe(DAYS);
        expect(rows.map((r) => r.business_day)).toEqual([...rows.map((r) => r.business_day)].sort());
        // Each Z holds what its day holds, read again now.
        const rig = dayRig({ dir });
        for (const r of rows) {
          const z = JSON.parse(r.report) as DayReport;
          expect(z.seq).toBe(r.seq);
          const x = rig.day.z.x(r.business_day);
          expect(x.ok && x.value.total).toEqual(z.total);
          expect(z.total.count).toBeGreaterThan(0);
        }
        rig.close();
      }, 60_000);
    }
  }
});
