// Layout → ESC/POS bytes for a network receipt printer. The structure (initialise, QR code, drawer
// pulse, cut) comes from @point-of-sale/receipt-printer-encoder; it has no CJK code page, so a line
// holding any non-ASCII character is sent in the printer's Chinese mode (FS &) as GB18030 bytes and
// the mode is left again (FS .) - the fix for "Chinese comes out as garbage" (counter.md §2).
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

function chineseLine(text: string, bold: boolean, big: boolean): number[] {
  const body = Array.from(iconv.encode(text, 'gb18030'));
  return [
    ...(bold ? [ESC, 0x45, 1] : []),
    ...(big ? [GS, 0x21, 0x11] : []),
    ...CHINESE_ON,
    ...body,
    ...CHINESE_OFF,
    ...(big ? [GS, 0x21, 0x00] : []),
    ...(bold ? [ESC, 0x45, 0] : []),
    LF,
  ];
}

function block(enc: ReceiptPrinterEncoder, b: LayoutBlock, columns: number): void {
  switch (b.t) {
    case 'line': {
      const text = aligned(b.text, b.align, columns);
      if (!isAscii(text)) {
        enc.raw(chineseLine(text, b.bold, false));
      } else {
        if (b.bold) enc.bold(true);
        enc.line(text);
        if (b.bold) enc.bold(false);
      }
      return;
    }
    case 'big': {
      const text = aligned(b.text, 'center', Math.floor(columns / 2));
      if (!isAscii(text)) enc.raw(chineseLine(text, true, true));
      else enc.size(2, 2).line(text).size(1, 1);
      return;
    }
    case 'rule':
      enc.line('-'.repeat(columns));
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
