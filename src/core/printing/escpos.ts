// Layout → ESC/POS bytes for a network receipt printer. The structure (initialise, QR code, drawer
// pulse, cut) comes from @point-of-sale/receipt-printer-encoder; it has no CJK code page, so a line
// holding any non-ASCII character is sent in the printer's Chinese mode (FS &) as GB18030 bytes and
// the mode is left again (FS .) - the fix for "Chinese comes out as garbage".
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';
import type { Layout, LayoutBlock } from './layout';
import { textColumns } from './text-width';
import { assertNever } from '../checkout/attempt-states';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const LF = 0x0a;
const CHINESE_ON = [FS, 0x26];
const CHINESE_OFF = [FS, 0x2e];

export interface EscposOptions {
  /** Kick the cash drawer (ESC p, pin 2) after the slip: cash sales and the test page. */
  readonly openDrawer?: boolean;
}

const isAscii = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);

/** Pads a line for its alignment ourselves, so ASCII and Chinese lines align the same way. */
function aligned(text: string, align: 'left' | 'center' | 'right', columns: number): string {
  const room = columns - textColumns(text);
  if (room <= 0 || align === 'left') return text;
  return ' '.repeat(align === 'center' ? Math.floor(room / 2) : room) + text;
}

/**
 * One text line as raw bytes: ASCII as itself (the same in every code page), anything else in Chinese
 * mode as GB18030. Text lines bypass the encoder's text path, which searches code pages per string and
 * cost ~0.1 ms a line; the encoder keeps what is easy to get wrong (initialise, QR, pulse, cut).
 */
function textLine(text: string, bold: boolean, big: boolean): number[] {
  const body = isAscii(text) ? Array.from(Buffer.from(text, 'latin1')) : [...CHINESE_ON, ...iconv.encode(text, 'gb18030'), ...CHINESE_OFF];
  return [
    ...(bold ? [ESC, 0x45, 1] : []),
    ...(big ? [GS, 0x21, 0x11] : []),
    ...body,
    ...(big ? [GS, 0x21, 0x00] : []),
    ...(bold ? [ESC, 0x45, 0] : []),
    LF,
  ];
}

function block(enc: ReceiptPrinterEncoder, b: LayoutBlock, columns: number): void {
  switch (b.t) {
    case 'line':
      enc.raw(textLine(aligned(b.text, b.align, columns), b.bold, false));
      return;
    case 'big':
      enc.raw(textLine(aligned(b.text, 'center', Math.floor(columns / 2)), true, true));
      return;
    case 'rule':
      enc.raw(textLine('-'.repeat(columns), false, false));
      return;
    case 'qr':
      enc.align('center').qrcode(b.data, { model: 2, size: columns > 32 ? 7 : 6, errorlevel: 'm' }).align('left');
      return;
    case 'cut':
      enc.cut('partial');
      return;
    default:
      assertNever(b);
  }
}

export function layoutToEscpos(layout: Layout, opts: EscposOptions = {}): Uint8Array {
  const enc = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: layout.columns, newline: '\n' });
  enc.initialize();
  for (const b of layout.blocks) {
    // the drawer opens as the slip is cut, not before the receipt is printed
    if (b.t === 'cut' && opts.openDrawer) enc.pulse(0, 50, 250);
    block(enc, b, layout.columns);
  }
  return enc.encode();
}
