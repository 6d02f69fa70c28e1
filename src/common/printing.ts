// Issue 14 (printing): the printing types that cross the bridge. Core's printing module
// (src/core/printing) implements them; Settings, History and the paid screen show them.
import type { Locale } from './api';

export type PaperWidth = 58 | 80;
export type PrintDocKind = 'receipt' | 'refund' | 'shift-close' | 'z-report' | 'test-page';

export type PrinterTarget =
  | { readonly kind: 'none' }
  | { readonly kind: 'network'; readonly host: string; readonly port: number }
  /** deviceName: the system name (Electron getPrintersAsync().name), not the friendly name. */
  | { readonly kind: 'system'; readonly deviceName: string };

export interface PrinterSettings {
  readonly target: PrinterTarget;
  readonly width: PaperWidth;
  readonly locale: Locale;
  readonly autoPrint: boolean;
  /** Kick the cash drawer with each customer receipt (a till with a drawer on the printer). */
  readonly openDrawer: boolean;
}

/** What Settings sends: the address as typed ("host:port"); core checks it and answers in plain words. */
export interface PrinterSettingsInput {
  readonly kind: 'none' | 'network' | 'system';
  readonly address?: string;
  readonly deviceName?: string;
  readonly width: number;
  readonly locale: Locale;
  readonly autoPrint: boolean;
  readonly openDrawer: boolean;
}

export type PrintFaultKind =
  | 'offline' // refused or unreachable: printer off, wrong address, cable
  | 'paper_out' // DLE EOT 4 reports the roll sensor at paper end
  | 'cover_open' // DLE EOT reports an error or offline state (cover open, feed button)
  | 'no_answer' // connected but the printer never answered the status query
  | 'garbage' // answered something that is not an ESC/POS status byte
  | 'not_configured' // no printer chosen in Settings
  | 'system_printer'; // Electron's silent print failed (reason from Chromium)

export type PrintJobState = 'queued' | 'printing' | 'printed' | 'discarded';

export interface PrintJobView {
  readonly id: number;
  readonly kind: PrintDocKind;
  /** The sale's out_trade_no for receipts and refund slips, so the cashier knows which slip it is. */
  readonly ref: string;
  readonly state: PrintJobState;
  readonly attempts: number;
  readonly fault: PrintFaultKind | null;
  /** The fault in plain words, in the printer's language. */
  readonly message: string | null;
  readonly createdAt: number;
  readonly printedAt: number | null;
}
