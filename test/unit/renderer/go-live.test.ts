// Issue 15.5: the go-live checklist names each missing item; done only when all are.
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../src/common/api';
import { goLiveChecklist, readyToGoLive } from '../../../src/renderer/src/lib/go-live';

const NOW = Date.UTC(2026, 10, 29);
const empty: SettingsView = {
  mode: 'SANDBOX', storeName: 'S', tillId: 'T01', locale: 'en', appid: '', mchId: '', signType: 'MD5', hasApiKey: false,
  certificate: null, hasManagerPin: false, refundCapFen: 0, dailyRefundCapFen: 0, secretStorageWeak: false,
};

describe('go-live checklist', () => {
  it('a new till misses everything', () => {
    const lines = goLiveChecklist(empty, null, NOW);
    expect(lines.filter((l) => !l.done).map((l) => l.item)).toEqual(['appid', 'mchId', 'apiKey', 'certificate', 'ownerPin', 'preflight']);
    expect(readyToGoLive(lines)).toBe(false);
  });

  it('ready only with every item, an unexpired certificate and a passed test', () => {
    const full: SettingsView = { ...empty, appid: 'wx2421b1c4370ec43b', mchId: '1900000109', hasApiKey: true, certificate: { subject: 'x', notAfter: NOW + 1 }, hasManagerPin: true };
    const ok = [{ check: 'settings', ok: true, code: 'SETTINGS_OK' }] as never;
    expect(readyToGoLive(goLiveChecklist(full, ok, NOW))).toBe(true);
    expect(goLiveChecklist(full, null, NOW).find((l) => !l.done)?.item).toBe('preflight');
    expect(goLiveChecklist({ ...full, certificate: { subject: 'x', notAfter: NOW - 1 } }, ok, NOW).find((l) => !l.done)?.item).toBe('certificate');
    expect(goLiveChecklist(full, [{ check: 'key', ok: false, code: 'KEY_WRONG' }] as never, NOW).find((l) => !l.done)?.item).toBe('preflight');
  });
});
