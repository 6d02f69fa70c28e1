// Reads ESC/POS bytes back into what a printer would do: text lines (GB18030 inside FS & … FS .),
// QR payloads, cuts and drawer pulses. Written from the ESC/POS command reference, independently of the
// encoder, so the tests check the bytes rather than the encoder's own idea of them.
import iconv from 'iconv-lite';

export interface DecodedSlip {
  readonly lines: string[];
  readonly qr: string[];
  readonly cuts: number;
  readonly pulses: number;
  /** Lines printed in the printer's Chinese mode. */
  readonly chineseLines: string[];
  readonly statusQueries: number;
  /** Command bytes this decoder does not know (a test failure when non-empty). */
  readonly unknown: string[];
}

export function decodeEscpos(bytes: Uint8Array): DecodedSlip {
  const lines: string[] = [];
  const chineseLines: string[] = [];
  const qr: string[] = [];
  const unknown: string[] = [];
  let cuts = 0;
  let pulses = 0;
  let statusQueries = 0;
  let chinese = false;
  let lineHadChinese = false;
  let buf: number[] = [];
  let segs: string[] = [];
  const flushSeg = (): void => {
    if (buf.length === 0) return;
    segs.push(chinese ? iconv.decode(Buffer.from(buf), 'gb18030') : Buffer.from(buf).toString('latin1'));
    buf = [];
  };
  const endLine = (): void => {
    flushSeg();
    const text = segs.join('');
    lines.push(text);
    if (lineHadChinese) chineseLines.push(text);
    segs = [];
    lineHadChinese = false;
  };
  let i = 0;
  const b = (k: number): number => bytes[i + k] ?? -1;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x0a) {
      endLine();
      i += 1;
    } else if (c === 0x0d) {
      i += 1;
    } else if (c === 0x10 && b(1) === 0x04) {
      statusQueries++;
      i += 3;
    } else if (c === 0x1c) {
      flushSeg();
      if (b(1) === 0x26) {
        chinese = true;
        lineHadChinese = true;
      } else if (b(1) === 0x2e) chinese = false;
      else unknown.push(`FS ${b(1)}`);
      i += 2;
    } else if (c === 0x1b) {
      flushSeg();
      const op = b(1);
      if (op === 0x40) i += 2; // ESC @
      else if (op === 0x70) {
        pulses++;
        i += 5; // ESC p m t1 t2
      } else if ([0x21, 0x2d, 0x33, 0x45, 0x47, 0x4d, 0x52, 0x61, 0x64, 0x4a, 0x74, 0x56, 0x7b, 0x20].includes(op)) i += 3;
      else if (op === 0x32) i += 2;
      else {
        unknown.push(`ESC ${op}`);
        i += 2;
      }
    } else if (c === 0x1d) {
      flushSeg();
      const op = b(1);
      if (op === 0x56) {
        cuts++;
        i += b(2) === 65 || b(2) === 66 ? 4 : 3;
      } else if (op === 0x28 && b(2) === 0x6b) {
        const len = b(3) + 256 * b(4);
        const body = bytes.subarray(i + 5, i + 5 + len);
        // cn 49, fn 80 (0x50): store QR data
        if (body[0] === 49 && body[1] === 80) qr.push(Buffer.from(body.subarray(3)).toString('latin1'));
        i += 5 + len;
      } else if ([0x21, 0x42, 0x48, 0x66, 0x68, 0x77, 0x62].includes(op)) i += 3;
      else {
        unknown.push(`GS ${op}`);
        i += 2;
      }
    } else {
      buf.push(c);
      i += 1;
    }
  }
  if (buf.length || segs.length) endLine();
  return { lines, qr, cuts, pulses, chineseLines, statusQueries, unknown };
}
