// `wxpay-pos sim`: starts standalone, prints URLs, sandbox credentials and cert paths, serves, and
// stops on the signal.
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseSimArgs, run } from '../../../src/cli/sim-command';
import { parseXml } from '../../../src/core/wxpay/xml';
import { ORDER, signedXml } from './support';

describe('wxpay-pos sim', () => {
  it('parses its options and refuses bad ones', () => {
    expect(parseSimArgs(['--port', '18080', '--https', '--merchant', `wxabc:1900000200:${'b'.repeat(32)}`])).toEqual({
      ok: true,
      value: { port: 18080, httpsPort: 0, https: true, seed: 1, merchants: [{ appid: 'wxabc', mchId: '1900000200', key: 'b'.repeat(32) }] },
    });
    expect(parseSimArgs(['--port', 'x']).ok).toBe(false);
    expect(parseSimArgs(['--merchant', 'a:b:short']).ok).toBe(false);
    expect(parseSimArgs(['--bogus']).ok).toBe(false);
  });

  it('runs until stopped, printing what an integrator needs', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stop = new AbortController();
    const extraKey = 'c'.repeat(32);
    let announced: () => void = () => undefined;
    const banner = new Promise<void>((r) => (announced = r));
    const stdout = (s: string): void => {
      out.push(s);
      announced();
    };
    const running = run(['--https', '--merchant', `wxextra:1900000300:${extraKey}`], { stdout, stderr: (s) => err.push(s) }, { signal: stop.signal });
    await banner;
    const text = out.join('\n');
    expect(text).toMatch(/http:\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toMatch(/https:\s+https:\/\/127\.0\.0\.1:\d+/);
    expect(text).toContain('wx2421b1c4370ec43b');
    expect(text).toContain('1900000109');
    expect(text).toContain('192006250b4c09247ec02edce69f6a2d');
    expect(text).toMatch(/ca\.pem/);
    expect(text).toMatch(/merchant-1900000109\.p12/);
    expect(text).not.toContain(extraKey); // keys given on the command line are not echoed
    const url = /http:\s+(http:\/\/\S+)/.exec(text)?.[1] ?? '';
    const r = await request(`${url}/pay/unifiedorder`, { method: 'POST', body: signedXml({ ...ORDER, out_trade_no: 'CLI000001' }) });
    expect(parseXml(await r.body.text()).result_code).toBe('SUCCESS');
    stop.abort();
    expect(await running).toBe(0);
    expect(out.at(-1)).toBe('simulator stopped');
    expect(err).toEqual([]);
    await expect(request(`${url}/sim`)).rejects.toThrow();
  });
});
