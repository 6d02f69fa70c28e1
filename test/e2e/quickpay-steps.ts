// Steps the quick-pay specs share (issue 12): a USB scanner is a keyboard that types the code fast and
// presses Enter; a person types the same keys slowly.
//
// Keys go in through the DevTools protocol with the event time set, as a real keyboard's events carry
// the time the OS saw them: keystrokes `gapMs` apart in event time whatever the load on the test machine
// (Playwright's own keyboard.type stamps each key when it arrives, 10-150 ms apart on a busy machine).
// They are also sent about that far apart in real time.
import type { CDPSession, Page } from '@playwright/test';
import type { IpcRecord } from './harness';

const sessions = new WeakMap<Page, CDPSession>();

async function cdpOf(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function keyFields(key: string): { key: string; code: string; windowsVirtualKeyCode: number; text?: string } {
  if (key === 'Enter') return { key, code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
  if (key === 'Tab') return { key, code: 'Tab', windowsVirtualKeyCode: 9 };
  if (/^\d$/.test(key)) return { key, code: `Digit${key}`, windowsVirtualKeyCode: key.charCodeAt(0), text: key };
  if (/^[a-z]$/i.test(key)) return { key, code: `Key${key.toUpperCase()}`, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0), text: key };
  throw new Error(`no key fields for ${key}`);
}

/** Types `text`, then `end`, with keystrokes `gapMs` apart (event time and, roughly, real time). */
export async function typeKeys(page: Page, text: string, gapMs: number, end: 'Enter' | 'Tab' | null = 'Enter'): Promise<void> {
  const cdp = await cdpOf(page);
  const keys = [...text, ...(end ? [end] : [])];
  const t0 = Date.now() / 1000;
  for (const [i, key] of keys.entries()) {
    const at = t0 + (i * gapMs) / 1000;
    const f = keyFields(key);
    await cdp.send('Input.dispatchKeyEvent', { type: f.text ? 'keyDown' : 'rawKeyDown', ...f, unmodifiedText: f.text, timestamp: at });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: f.key, code: f.code, windowsVirtualKeyCode: f.windowsVirtualKeyCode, timestamp: at + 0.001 });
    await pause(gapMs);
  }
}

/** Types `code` as a USB scanner does: keystrokes 5 ms apart, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await typeKeys(page, code, 5);
}

/** The payloads of every call of `name` the renderer made. */
export function callsOf(log: readonly IpcRecord[], name: string): unknown[] {
  return log.filter((r) => r.kind === 'call' && r.name === name).map((r) => r.payload);
}
