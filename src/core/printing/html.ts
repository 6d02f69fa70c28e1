// Layout → one HTML page the paper's width (58 / 80 mm), for Electron's silent print to a system
// printer and for the screenshots in docs/. Same blocks as the ESC/POS path; the QR is inline SVG (no
// request, no script), so the page prints the same offline. Text is escaped: item names are typed by
// people.
import QRCode from 'qrcode';
import { assertNever } from '../checkout/attempt-states';
import type { Layout, LayoutBlock } from './layout';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The printable width in mm: 48 / 72 mm of a 58 / 80 mm roll (the printer's margins). */
export function printableMm(width: 58 | 80): number {
  return width === 58 ? 48 : 72;
}

export function qrSvg(data: string, sizeMm: number): string {
  const q = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 2;
  let path = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (q.modules.get(x, y)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  const box = n + quiet * 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box} ${box}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges" data-qr="${esc(data)}"><rect width="${box}" height="${box}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

function block(b: LayoutBlock, width: 58 | 80): string {
  switch (b.t) {
    case 'line':
      return `<div class="l ${b.align}${b.bold ? ' b' : ''}">${esc(b.text) || '&nbsp;'}</div>`;
    case 'big':
      return `<div class="l center big">${esc(b.text)}</div>`;
    case 'rule':
      return '<hr>';
    case 'qr':
      return `<div class="qr">${qrSvg(b.data, width === 58 ? 30 : 36)}</div>`;
    case 'cut':
      return '';
    default:
      return assertNever(b);
  }
}

export function layoutToHtml(layout: Layout, title = 'receipt'): string {
  const mm = printableMm(layout.width);
  // a monospace Latin glyph is ~0.6 em: size the font so `columns` of them fill the printable width
  // (a CJK glyph, 1 em, then takes less than its two cells, so no line overflows)
  const cellMm = mm / layout.columns;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>
@page { size: ${layout.width}mm auto; margin: 0 }
html, body { margin: 0; padding: 0; background: #fff; color: #000 }
.slip { width: ${mm}mm; padding: 2mm ${(layout.width - mm) / 2}mm; font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", "SimHei", monospace; font-size: ${(cellMm / 0.6).toFixed(3)}mm; line-height: 1.25 }
.l { white-space: pre; overflow: hidden }
.center { text-align: center } .right { text-align: right } .b { font-weight: 700 }
.big { font-size: 200%; font-weight: 700 }
hr { border: 0; border-top: 0.3mm dashed #000; margin: 1mm 0 }
.qr { text-align: center; margin: 1mm 0 }
</style></head><body><div class="slip" data-width="${layout.width}">${layout.blocks.map((b) => block(b, layout.width)).join('')}</div></body></html>`;
}
