// Issue 10 point 6: a PIN lockout is timed on the monotonic clock. Moving the wall clock a day forward
// does not end it, a day back does not stretch it; it ends after its own length of real time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { MAX_TRIES, TEST_SCRYPT, createManagerPin } from '../../../src/core/settings/manager-pin';
import { openStore, type Store } from '../../../src/core/store/open';

const DAY = 86_400_000;
const LOCK = 5 * 60_000;
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function lockedPin(clock: VirtualClock) {
  const dir = mkdtempSync(join(tmpdir(), 'pin-mono-'));
  dirs.push(dir);
  const store = openStore(join(dir, 'pos.sqlite'), { clock });
  stores.push(store);
  const pin = createManagerPin({ storage: store.kv, clock, scrypt: TEST_SCRYPT, lockoutMs: LOCK });
  pin.setPin(null, '4321');
  for (let i = 0; i < MAX_TRIES; i++) pin.verify('bob', '0000');
  expect(pin.verify('bob', '4321')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
  return pin;
}

describe('PIN lockout on the monotonic clock', () => {
  for (const jump of [DAY, -DAY]) {
    it(`wall clock moved ${jump > 0 ? 'forward' : 'back'} a day: locked until exactly its length has passed`, async () => {
      const clock = new VirtualClock();
      const pin = lockedPin(clock);
      await clock.advance(60_000);
      clock.set(clock.now() + jump);
      expect(pin.verify('bob', '4321')).toMatchObject({ ok: false, code: 'PIN_LOCKED', message: expect.stringContaining('4 more minute') });
      await clock.advance(LOCK - 60_000 - 1);
      expect(pin.verify('bob', '4321')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
      await clock.advance(1);
      expect(pin.verify('bob', '4321')).toEqual({ ok: true, value: null });
    });
  }
});
