import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The installed command (package.json "bin") really runs from a fresh checkout, without a build.
describe('wxpay-pos command', () => {
  const run = (args: string[], input = '') =>
    spawnSync(process.execPath, ['bin/wxpay-pos.mjs', ...args], { input, encoding: 'utf8', timeout: 30_000 });

  it('prints usage and exits 2 for an unknown command', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(r.stderr).toMatch(/usage: wxpay-pos/);
  });

  it('signs the official worked example from stdin', () => {
    const xml =
      '<xml><appid>wxd930ea5d5a258f4f</appid><mch_id>10000100</mch_id><device_info>1000</device_info><body>test</body><nonce_str>ibuaiVcKdpRxkhJA</nonce_str></xml>';
    const r = run(['sign', '--key', '192006250b4c09247ec02edce69f6a2d'], xml);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(r.stdout).not.toContain('192006250b4c09247ec02edce69f6a2d');
  });
});
