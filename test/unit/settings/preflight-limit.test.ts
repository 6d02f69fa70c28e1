// Issue 11 point 8: testConnection is rate-limited with a plain-words refusal, and a refused call sends nothing.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { createPosApi, type PosApiDeps } from '../../../src/core/api';
import { createPreflightLimit, PREFLIGHT_SPACING_MS } from '../../../src/core/settings/preflight-limit';

describe('testConnection rate limit', () => {
  it('one at a time, then not again until the spacing has passed; a refusal runs no preflight', async () => {
    const clock = new VirtualClock(1_800_000_000_000);
    let runs = 0;
    let release: () => void = () => {};
    const api = createPosApi({
      preflight: () => {
        runs++;
        return new Promise((r) => (release = () => r([])));
      },
      preflightLimit: createPreflightLimit(clock),
      auth: { staff: {}, grants: {} }, // testConnection needs no signed-in person
    } as unknown as PosApiDeps);
    const first = api.testConnection();
    expect(await api.testConnection()).toMatchObject({ ok: false, code: 'CHECK_TOO_FREQUENT', message: expect.stringMatching(/still running/) });
    release();
    expect(await first).toEqual({ ok: true, value: [] });
    expect(await api.testConnection()).toMatchObject({ ok: false, code: 'CHECK_TOO_FREQUENT', message: expect.stringMatching(/try again in \d+ s/) });
    expect(runs).toBe(1);
    await clock.advance(PREFLIGHT_SPACING_MS);
    const again = api.testConnection();
    release();
    expect(await again).toEqual({ ok: true, value: [] });
    expect(runs).toBe(2);
  });
});
