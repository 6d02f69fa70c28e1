// The one watcher loop (src/core/checkout/watch-loop.ts) on a virtual clock: what each step answer
// makes it do, the 'now' streak guard, stop, nudge and firstResolved.
import { afterEach, describe, expect, it } from 'vitest';
import { errorDelay } from '../../../src/core/checkout/poll-policy';
import { backoff, done, MAX_NOW_STREAK, now, type Step, wait, WatchLoop } from '../../../src/core/checkout/watch-loop';
import { FastClock, settle } from './fast-clock';

const POLICY = { errorBaseMs: 1000, errorCapMs: 10_000, errorFloorMs: 200 };

interface Rig {
  clock: FastClock;
  stopper: AbortController;
  loop: WatchLoop;
  /** Clock time of every step call. */
  calls: number[];
  backoffs: string[];
  logs: string[];
}

let rig: Rig | null = null;
afterEach(async () => {
  rig?.stopper.abort(new Error('test over'));
  await rig?.loop.done;
  rig = null;
});

/** A loop whose step plays `script` (then keeps answering with its last entry). */
function makeRig(script: readonly (Step | 'throw' | ((loop: WatchLoop) => Step))[], random = (): number => 0.5): Rig {
  const clock = new FastClock();
  const stopper = new AbortController();
  const calls: number[] = [];
  const backoffs: string[] = [];
  const logs: string[] = [];
  const loop: WatchLoop = new WatchLoop(
    { clock, stopSignal: stopper.signal, policy: POLICY, random, log: (m) => logs.push(m) },
    {
      name: 'test',
      step: async () => {
        const s = script[Math.min(calls.length, script.length - 1)]!;
        calls.push(clock.now());
        if (s === 'throw') throw new Error('database is locked');
        return typeof s === 'function' ? s(loop) : s;
      },
      onBackoff: (reason) => backoffs.push(reason),
    },
  );
  rig = { clock, stopper, loop, calls, backoffs, logs };
  return rig;
}

const sleepsFor = (r: Rig): number | null => {
  const at = r.clock.nextWakeAt();
  return at === null ? null : at - r.clock.now();
};

describe('watch loop', () => {
  it('wait N ms: the next step comes exactly N ms later', async () => {
    const r = makeRig([wait(1000)]);
    const t0 = r.clock.now();
    r.loop.start();
    await settle();
    expect(r.calls).toEqual([t0]);
    await r.clock.advance(999);
    expect(r.calls).toHaveLength(1);
    await r.clock.advance(1);
    expect(r.calls).toEqual([t0, t0 + 1000]);
  });

  it('now: the next step comes at once, without time passing', async () => {
    const r = makeRig([now, now, wait(5000)]);
    const t0 = r.clock.now();
    r.loop.start();
    await settle(6);
    expect(r.calls).toEqual([t0, t0, t0]);
    expect(sleepsFor(r)).toBe(5000);
  });

  it('back off: full-jitter delays grow with each failure in a row, reset after an answer', async () => {
    const r = makeRig([backoff('a'), backoff('b'), backoff('c'), wait(300), backoff('d'), wait(60_000)]);
    r.loop.start();
    const delays: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      await settle();
      const d = sleepsFor(r);
      delays.push(d);
      await r.clock.advance(d ?? 0);
    }
    const jitter = (n: number): number => errorDelay(POLICY, n, () => 0.5);
    expect(delays).toEqual([jitter(0), jitter(1), jitter(2), 300, jitter(0)]);
    expect(new Set(delays).size).toBe(4); // 500, 1000, 2000, 300: the backoff really grew
    expect(r.backoffs).toEqual(['a', 'b', 'c', 'd']);
    expect(r.logs).toEqual([]);
  });

  it('a step that throws is logged and backed off like trouble (no reason recorded)', async () => {
    const r = makeRig(['throw', 'throw', wait(60_000)]);
    r.loop.start();
    await settle();
    expect(sleepsFor(r)).toBe(errorDelay(POLICY, 0, () => 0.5));
    await r.clock.advance(sleepsFor(r)!);
    await settle();
    expect(sleepsFor(r)).toBe(errorDelay(POLICY, 1, () => 0.5));
    expect(r.logs).toEqual(['test step failed', 'test step failed']);
    expect(r.backoffs).toEqual([]);
  });

  it(`more than ${MAX_NOW_STREAK} 'now' in a row still yields (errorFloorMs) until a real wait`, async () => {
    const script: Step[] = Array.from({ length: 8 }, () => now);
    const r = makeRig([...script, wait(60_000)]);
    const t0 = r.clock.now();
    r.loop.start();
    await settle(20);
    expect(r.calls).toEqual(Array.from({ length: MAX_NOW_STREAK + 1 }, () => t0));
    expect(sleepsFor(r)).toBe(POLICY.errorFloorMs);
    await r.clock.advance(POLICY.errorFloorMs);
    await settle(4);
    expect(r.calls).toHaveLength(MAX_NOW_STREAK + 2);
    expect(sleepsFor(r)).toBe(POLICY.errorFloorMs); // still in the streak
    await r.clock.advance(POLICY.errorFloorMs * 2);
    await settle(4);
    expect(r.calls).toHaveLength(9);
    expect(sleepsFor(r)).toBe(60_000); // the streak ended with a real wait
  });

  it('done ends the watcher and settles firstResolved; stop() ends a sleeping one', async () => {
    const a = makeRig([now, done]);
    a.loop.start();
    await a.loop.done;
    await a.loop.firstResolved;
    expect(a.calls).toHaveLength(2);
    expect(a.clock.pending).toBe(0);

    const b = makeRig([wait(60_000)]);
    b.loop.start();
    await settle();
    expect(b.clock.pending).toBe(1);
    b.stopper.abort(new Error('engine stopped'));
    await b.loop.done;
    await b.loop.firstResolved;
    expect(b.calls).toHaveLength(1);
    expect(b.clock.pending).toBe(0);
  });

  it('stop before start settles firstResolved (recovery never waits on a stopped engine)', async () => {
    const r = makeRig([wait(1000)]);
    let settled = false;
    void r.loop.firstResolved.then(() => (settled = true));
    r.stopper.abort(new Error('engine stopped'));
    await settle();
    expect(settled).toBe(true);
    r.loop.start();
    await r.loop.done;
    expect(r.calls).toEqual([]);
  });

  it('firstResolved settles when the step marks an answer, while the loop goes on', async () => {
    const r = makeRig([wait(1000), (l) => (l.markResolved(), wait(1000))]);
    let settled = false;
    void r.loop.firstResolved.then(() => (settled = true));
    r.loop.start();
    await settle();
    expect(settled).toBe(false);
    await r.clock.advance(1000);
    expect(settled).toBe(true);
    expect(r.clock.pending).toBe(1); // still watching
  });

  it('nudge cuts a sleep short, and a nudge during a step skips the next sleep', async () => {
    const r = makeRig([wait(60_000), (l) => (l.nudge(), wait(60_000)), wait(60_000)]);
    const t0 = r.clock.now();
    r.loop.start();
    await settle();
    expect(r.calls).toEqual([t0]);
    r.loop.nudge();
    await settle(6);
    // second step (woken by the nudge) nudged itself while busy: the third comes at once too
    expect(r.calls).toEqual([t0, t0, t0]);
    expect(sleepsFor(r)).toBe(60_000);
  });

  it('firstWaitMs delays the first step', async () => {
    const r = makeRig([wait(60_000)]);
    const t0 = r.clock.now();
    r.loop.start(1000);
    await settle();
    expect(r.calls).toEqual([]);
    await r.clock.advance(1000);
    expect(r.calls).toEqual([t0 + 1000]);
  });
});
