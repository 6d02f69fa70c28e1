import { readFileSync } from 'node:fs';
import { test, expect } from './harness';
import { RENDERER_CSP } from './static-server';

test.describe('foundation: renderer -> bridge -> core -> SQLite', () => {
  test('the till shell shows store, mode and till from SQLite, and survives a restart', async ({ till }) => {
    const { page } = till;
    // Sandbox is the default without merchant credentials.
    await expect(page.getByTestId('mode-badge')).toHaveAttribute('data-mode', 'SANDBOX'); // issue 15.6: the text follows the language

    // Write through the real handler table into SQLite, then restart core on the same file:
    // what the page shows can only have come back out of the database.
    // The till id and store name need the owner (issue 11: the harness signed the owner in through first run).
    expect(await till.core.dispatch('getStaffSession', undefined)).toMatchObject({ ok: true, value: { signedIn: { role: 'owner' } } });
    const saved = await till.core.dispatch('saveSettings', { storeName: '小张南山店 Harness', tillId: 'T-07' });
    expect(saved.ok).toBe(true);
    await till.restart();
    await expect(page.getByTestId('store-name')).toHaveText('小张南山店 Harness');
    await expect(page.getByTestId('till-id')).toContainText('T-07');

    // A click in the real renderer goes through the bridge: the calls it made are in the log.
    const before = till.ipcLog.filter((r) => r.kind === 'call').length;
    await page.getByTestId('charge').click();
    await expect.poll(() => till.ipcLog.filter((r) => r.kind === 'call').length).toBeGreaterThanOrEqual(before);
    expect(till.ipcLog.some((r) => r.kind === 'call' && r.name === 'getShellInfo')).toBe(true);
    await till.shot('foundation-shell');
  });

  test('CSP is enforced and the renderer cannot reach the network', async ({ till }) => {
    const { page } = till;
    const html = readFileSync('out/renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta?.replace(/;\s*$/, '')).toBe(RENDERER_CSP);
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://api.mch.weixin.qq.com/pay/orderquery', { method: 'POST' });
        return 'reached';
      } catch {
        return 'blocked';
      }
    });
    expect(outcome).toBe('blocked');
    const inline = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inline).toBe(false);
  });

  test('a frame that is not the app page cannot call the bridge', async ({ till }) => {
    const { page } = till;
    const answer = await page.evaluate(async () => {
      const f = document.createElement('iframe');
      f.srcdoc = '<p>x</p>';
      document.body.appendChild(f);
      await new Promise((r) => f.addEventListener('load', r));
      const call = (f.contentWindow as unknown as { __posCall?: (n: string, p: unknown) => Promise<unknown> }).__posCall;
      return call ? await call('getSettings', undefined) : { ok: false, code: 'FORBIDDEN_SENDER', message: 'no binding in frame' };
    });
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN_SENDER' });
  });
});
