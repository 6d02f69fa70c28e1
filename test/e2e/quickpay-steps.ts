// Steps the quick-pay specs share (issue 12): a USB scanner is a keyboard that types the code fast and
// presses Enter; a person types the same keys slowly.
import type { Page } from '@playwright/test';
import type { IpcRecord } from './harness';

/** Types `code` as a scanner does: keystrokes 5 ms apart, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** The payloads of every call of `name` the renderer made. */
export function callsOf(log: readonly IpcRecord[], name: string): unknown[] {
  return log.filter((r) => r.kind === 'call' && r.name === name).map((r) => r.payload);
}
