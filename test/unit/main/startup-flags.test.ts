// Issue 11 point 8: a packaged till ignores WXPAY_POS_DATA_DIR / WXPAY_POS_KIOSK; only the documented
// --data-dir / --kiosk switches move the data folder or turn kiosk mode on. Development keeps the env.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveStartupFlags, type SwitchValues } from '../../../src/main/startup-flags';

const cli = (switches: Record<string, string> = {}): SwitchValues => ({
  hasSwitch: (n) => n in switches,
  getSwitchValue: (n) => switches[n] ?? '',
});
const ENV = { WXPAY_POS_DATA_DIR: '/tmp/elsewhere', WXPAY_POS_KIOSK: '1' };

describe('start-up flags', () => {
  it('packaged: the environment is ignored (and reported), the switches count', () => {
    expect(resolveStartupFlags(true, ENV, cli())).toEqual({ dataDir: null, kiosk: false, ignoredEnv: ['WXPAY_POS_DATA_DIR', 'WXPAY_POS_KIOSK'] });
    expect(resolveStartupFlags(true, ENV, cli({ 'data-dir': '/srv/till', kiosk: '' }))).toMatchObject({ dataDir: '/srv/till', kiosk: true });
    expect(resolveStartupFlags(true, {}, cli())).toEqual({ dataDir: null, kiosk: false, ignoredEnv: [] });
  });

  it('development: the environment still works, a switch wins', () => {
    expect(resolveStartupFlags(false, ENV, cli())).toEqual({ dataDir: '/tmp/elsewhere', kiosk: true, ignoredEnv: [] });
    expect(resolveStartupFlags(false, ENV, cli({ 'data-dir': '/srv/till' }))).toMatchObject({ dataDir: '/srv/till' });
    expect(resolveStartupFlags(false, { WXPAY_POS_KIOSK: '0' }, cli())).toMatchObject({ kiosk: false, dataDir: null });
  });

  it('main reads the env only through resolveStartupFlags, and never lets LIVE use test material', () => {
    const main = readFileSync('src/main/index.ts', 'utf8');
    expect(main).not.toMatch(/process\.env\[?['".]?WXPAY_POS_(DATA_DIR|KIOSK)/);
    expect(main).toMatch(/resolveStartupFlags\(app\.isPackaged, process\.env, app\.commandLine\)/);
    expect(main).not.toMatch(/allowTestMaterialInLive/);
  });
});
