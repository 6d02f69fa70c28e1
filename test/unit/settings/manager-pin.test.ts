import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import {
  DEFAULT_SCRYPT,
  MAX_TRIES,
  PIN_HASH_KEY,
  TEST_SCRYPT,
  createManagerPin,
} from '../../../src/core/settings/manager-pin';
import { openStore, type Store } from '../../../src/core/store/open';

const dirs: string[] = [];
const stores: Store[] = [];
function fresh(): { file: string; clock: VirtualClock; open: () => Store } {
  const dir = mkdtempSync(join(tmpdir(), 'pin-'));
  dirs.push(dir);
  const clock = new VirtualClock();
  const file = join(dir, 'pos.sqlite');
  return {
    file,
    clock,
    open: () => {
      const s = openStore(file, { clock });
      stores.push(s);
      return s;
    },
  };
}
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const pinOn = (store: Store, clock: VirtualClock, lockoutMs = 5 * 60_000) =>
  createManagerPin({ storage: store.kv, clock, scrypt: TEST_SCRYPT, lockoutMs });

describe('manager PIN', () => {
  it('is not set at first: verify says PIN_NOT_SET and is audited', () => {
    const { clock, open } = fresh();
    const store = open();
    const pin = pinOn(store, clock);
    expect(pin.hasPin()).toBe(false);
    const r = pin.verify('alice', '1234');
    expect(r).toMatchObject({ ok: false, code: 'PIN_NOT_SET' });
    const rows = store.audit.recent(5);
    expect(rows[0]).toMatchObject({ actor: 'alice', action: 'manager_pin.verify' });
  });

  it('stores a salted scrypt hash, never the PIN, and verifies it', () => {
    const { clock, open } = fresh();
    const store = open();
    const pin = pinOn(store, clock);
    expect(pin.setPin(null, '246810').ok).toBe(true);
    const rec = JSON.parse(store.kv.get(PIN_HASH_KEY)!) as Record<string, unknown>;
    expect(rec).toMatchObject({ alg: 'scrypt', N: TEST_SCRYPT.N, r: 8, p: 1 });
    expect(JSON.stringify(rec)).not.toContain('246810');
    expect(pin.verify('mgr', '246810')).toEqual({ ok: true, value: null });
    expect(pin.verify('mgr', '246811')).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    // Same PIN twice gives a different salt and hash.
    const first = store.kv.get(PIN_HASH_KEY);
    expect(pin.setPin('246810', '246810').ok).toBe(true);
    expect(store.kv.get(PIN_HASH_KEY)).not.toEqual(first);
    // Nothing in the audit log carries the PIN.
    const all = JSON.stringify(store.audit.recent(100));
    expect(all).not.toContain('246810');
    expect(all).not.toContain('246811');
  });

  it('uses the documented default cost (N=2^15, r=8, p=1)', () => {
    const { clock, open } = fresh();
    const store = open();
    const pin = createManagerPin({ storage: store.kv, clock });
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1, keyLen: 32 });
    expect(pin.setPin(null, '1357').ok).toBe(true);
    expect(JSON.parse(store.kv.get(PIN_HASH_KEY)!)).toMatchObject({ N: 32768, r: 8, p: 1 });
    expect(pin.verify('m', '1357').ok).toBe(true);
  });

  it('rejects badly formed new PINs and needs the current PIN to change it', () => {
    const { clock, open } = fresh();
    const store = open();
    const pin = pinOn(store, clock);
    for (const bad of ['123', '123456789', '12a4', ' 1234', '１２３４']) {
      expect(pin.setPin(null, bad)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }
    expect(pin.setPin(null, '1111').ok).toBe(true);
    expect(pin.setPin(null, '2222')).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(pin.setPin('9999', '2222')).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(pin.setPin('1111', '2222').ok).toBe(true);
    expect(pin.verify('m', '1111').ok).toBe(false);
    expect(pin.verify('m', '2222').ok).toBe(true);
  });

  it(`locks after ${MAX_TRIES} wrong tries, refuses even the right PIN, and unlocks after the period`, async () => {
    const { clock, open } = fresh();
    const store = open();
    const pin = pinOn(store, clock);
    pin.setPin(null, '4321');
    for (let i = 1; i < MAX_TRIES; i++) expect(pin.verify('bob', '0000')).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(pin.verify('bob', '0000')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    expect(pin.verify('bob', '4321')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    // Changing the PIN is locked too.
    expect(pin.setPin('4321', '5555')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    await clock.advance(5 * 60_000 - 1);
    expect(pin.verify('bob', '4321')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    await clock.advance(1);
    expect(pin.verify('bob', '4321')).toEqual({ ok: true, value: null });
    const details = store.audit.recent(20).map((r) => r.detail);
    expect(details).toContain(`wrong (${MAX_TRIES}/${MAX_TRIES}): locked (lockout 1, 5 min)`);
    expect(details).toContain('refused: locked');
  });

  it('a success resets the count of wrong tries', () => {
    const { clock, open } = fresh();
    const store = open();
    const pin = pinOn(store, clock);
    pin.setPin(null, '8080');
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i < MAX_TRIES; i++) expect(pin.verify('c', '1111').ok).toBe(false);
      expect(pin.verify('c', '8080').ok).toBe(true);
    }
  });

  it('a restart does not reset the lockout (it is persisted)', () => {
    const { clock, open } = fresh();
    let store = open();
    let pin = pinOn(store, clock);
    pin.setPin(null, '7777');
    for (let i = 0; i < MAX_TRIES - 1; i++) pin.verify('d', '1234');
    store.close();
    // Restart with 4 wrong tries on record: one more locks.
    store = open();
    pin = pinOn(store, clock);
    expect(pin.verify('d', '1234')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    store.close();
    store = open();
    pin = pinOn(store, clock);
    expect(pin.verify('d', '7777')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    expect(store.audit.verify({ full: true }).ok).toBe(true);
  });

  it('a clock set backwards does not stretch the lockout', async () => {
    const { clock, open } = fresh();
    const store = open();
    const pin = pinOn(store, clock);
    pin.setPin(null, '3030');
    for (let i = 0; i < MAX_TRIES; i++) pin.verify('e', '0303');
    clock.set(clock.now() - 3600_000);
    expect(pin.verify('e', '3030')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    await clock.advance(5 * 60_000);
    expect(pin.verify('e', '3030').ok).toBe(true);
  });
});
