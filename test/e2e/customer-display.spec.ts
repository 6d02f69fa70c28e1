// Issue 14 points 3 and 4: the customer display's page in the browser harness, as a second page fed by
// the same customerView projection core emits (main forwards it to the customer window the same way).
// It shows the current sale's QR (the one on the till), sized to the screen, then thanks - and nothing
// secret: no cashier, no PIN, no refund, no settings, and no window.pos to call.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { test, expect } from './harness';
import { charge, payOnPhone, readQr, ringUp, tillReady } from './ui-steps';

interface CdWindow {
  customer?: unknown;
  __cdEmit?: (view: unknown) => void;
  pos?: unknown;
}

/** Runs inside the customer page: the preload's window.customer shape, fed through __cdEmit. */
function installCustomerStub(): void {
  const w = globalThis as unknown as CdWindow;
  const listeners = new Set<(v: unknown) => void>();
  Object.defineProperty(w, '__cdEmit', { value: (v: unknown) => listeners.forEach((l) => l(v)) });
  Object.defineProperty(w, 'customer', {
    value: Object.freeze({
      onView: (l: (v: unknown) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    }),
  });
}

test('customer display: the sale QR sized to the screen, then thanks; nothing secret', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  const cd = await page.context().newPage();
  await cd.setViewportSize({ width: 1024, height: 600 });
  await cd.addInitScript(installCustomerStub);
  await cd.goto(`${new URL(page.url()).origin}/customer.html`);
  let seen = 0;
  const forwarded: unknown[] = [];
  const pump = async (): Promise<void> => {
    for (; seen < till.ipcLog.length; seen++) {
      const r = till.ipcLog[seen]!;
      if (r.kind === 'event' && r.name === 'customerView') {
        forwarded.push(r.payload);
        await cd.evaluate((v) => (window as unknown as CdWindow).__cdEmit?.(v), r.payload);
      }
    }
  };
  await expect(cd.getByTestId('customer-idle')).toBeVisible();

  await ringUp(page, [{ name: '拿铁 Latte', qty: 2, price: '18.5' }]);
  await charge(page);
  const tillQr = await readQr(page);
  await expect.poll(async () => (await pump(), cd.getByTestId('customer-qr').count())).toBe(1);
  await expect(cd.getByTestId('customer-total')).toContainText('37.00');
  await expect(cd.getByText('拿铁 Latte')).toBeVisible();
  const qr = cd.getByTestId('customer-qr');
  const box = await qr.boundingBox();
  expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(600 * 0.5);
  const png = PNG.sync.read(await qr.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  expect(code?.data).toBe(tillQr);
  await cd.screenshot({ path: 'docs/customer-display.png' });

  await payOnPhone(till, tillQr);
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await expect.poll(async () => (await pump(), cd.getByTestId('customer-paid').count())).toBe(1);

  // nothing secret reached the customer page
  const cashier = (till.ipcLog.find((r) => r.kind === 'call' && r.name === 'charge')?.payload as { cashier: string }).cashier;
  const text = (await cd.locator('body').innerText()) + JSON.stringify(forwarded);
  expect(text).not.toContain(cashier);
  expect(JSON.stringify(forwarded)).not.toMatch(/cashier|refund|approver|pin|apiKey|mchId|appid|reason/i);
  expect(await cd.evaluate(() => typeof (window as unknown as CdWindow).pos)).toBe('undefined');
  await cd.close();
});
