// Issue 10 point 7: the sandbox simulator restarted with seed 1 replayed its transaction_ids, so the
// till's UNIQUE receipt index refused every later payment. Counters now start from the Beijing time of
// day (idCounterStartAt, what src/host/sandbox-sim.ts passes) and only grow.
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../src/sim/prng';
import { IdMint, idCounterStartAt } from '../../../src/sim/ids';

const T0 = Date.UTC(2026, 10, 29, 6, 0, 0); // 14:00 Beijing
const mint = (start: number): IdMint => new IdMint(createPrng(1), start);
/** A run that mints a mix of ids (narrow prepay/auth counters between the wide ones), as a day of sales does. */
function run(m: IdMint, at: number, n: number): string[] {
  const tx: string[] = [];
  for (let i = 0; i < n; i++) {
    m.prepayId(at);
    m.authCode();
    tx.push(m.transactionId(at), m.refundId(at));
  }
  return tx;
}

describe('simulator ids across restarts', () => {
  it('the old counters (start 0, seed 1) replay the same transaction_ids after a restart', () => {
    expect(run(mint(0), T0 + 60_000, 3)).toEqual(run(mint(0), T0, 3)); // same Beijing day: identical ids
  });

  it('a restart a second later with seed 1 mints none of the earlier ids', () => {
    const first = run(mint(idCounterStartAt(T0)), T0, 50); // 50 sales in that second (far above a real sandbox pace)
    const second = run(mint(idCounterStartAt(T0 + 1000)), T0 + 1000, 500);
    expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
    for (const id of second.filter((x) => x.startsWith('4200000'))) expect(id).toMatch(/^\d{28}$/);
  });

  it('starts fit the 7-digit counter and grow through the Beijing day', () => {
    const midnight = Date.UTC(2026, 10, 28, 16, 0, 0); // 00:00 Beijing
    expect(idCounterStartAt(midnight)).toBe(0);
    expect(idCounterStartAt(midnight + 86_399_990)).toBe(8_639_999);
    expect(idCounterStartAt(T0 + 10)).toBeGreaterThan(idCounterStartAt(T0));
  });
});
