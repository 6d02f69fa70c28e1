// The options of Electron's webContents.print for one slip, as a pure function (tested without
// Electron): silent, the system device name, and the page size in microns - the paper's width
// (58000 / 80000 µm) and the content's height (CSS px at 96 dpi), never Chromium's default (A4).
export interface PrintPlan {
  readonly silent: true;
  readonly printBackground: false;
  readonly deviceName: string;
  readonly margins: { readonly marginType: 'none' };
  readonly pageSize: { readonly width: number; readonly height: number };
}

/** Electron rejects page sizes under 353 µm; a receipt is never that small, but the floor is kept. */
const MIN_MICRONS = 353;

export function printPlan(widthMm: 58 | 80, contentHeightPx: number, deviceName: string): PrintPlan {
  const px = Number.isFinite(contentHeightPx) && contentHeightPx > 0 ? contentHeightPx : 1200;
  const heightMicrons = Math.max(MIN_MICRONS, Math.ceil((px * 25_400) / 96) + 5_000); // + 5 mm feed before the cut
  return {
    silent: true,
    printBackground: false,
    deviceName,
    margins: { marginType: 'none' },
    pageSize: { width: widthMm * 1000, height: heightMicrons },
  };
}
