// Issue 14 point 3: the one projection the customer display receives. It is built from a whitelist of
// fields (never spread from a PaymentView or Receipt), so staff names, PINs, refunds, settings and the
// gateway's words can never reach the customer's screen.
import type { PaymentView, SaleLineInput } from './api';

export interface CustomerLine {
  readonly name: string;
  readonly quantity: number;
  readonly lineFen: number;
}

export type CustomerView =
  | { readonly screen: 'idle'; readonly storeName: string }
  | {
      readonly screen: 'sale';
      readonly storeName: string;
      readonly lines: readonly CustomerLine[];
      readonly totalFen: number;
      /** The Native QR's code_url while the customer may scan it; null once cancelled, expired or scanned. */
      readonly qr: string | null;
      /** scan: the QR is up; password: quick pay waits for the customer's password; wait: being confirmed. */
      readonly prompt: 'scan' | 'password' | 'wait';
    }
  | { readonly screen: 'paid'; readonly storeName: string; readonly totalFen: number };

export function idleView(storeName: string): CustomerView {
  return { screen: 'idle', storeName };
}

/** lines: what was charged (the sale's lines); payment: the latest view of its attempt. */
export function projectCustomerView(storeName: string, lines: readonly SaleLineInput[], payment: PaymentView | null): CustomerView {
  const shown: CustomerLine[] = lines.map((l) => ({ name: l.name, quantity: l.quantity, lineFen: l.quantity * l.unitFen }));
  const sum = shown.reduce((a, l) => a + l.lineFen, 0);
  if (payment === null) return shown.length ? { screen: 'sale', storeName, lines: shown, totalFen: sum, qr: null, prompt: 'wait' } : idleView(storeName);
  const totalFen = payment.totalFen;
  switch (payment.status) {
    case 'waiting':
      return { screen: 'sale', storeName, lines: shown, totalFen, qr: payment.codeUrl, prompt: payment.codeUrl ? 'scan' : 'wait' };
    case 'paying':
      return { screen: 'sale', storeName, lines: shown, totalFen, qr: null, prompt: 'password' };
    case 'creating':
    case 'unknown':
      return { screen: 'sale', storeName, lines: shown, totalFen, qr: null, prompt: 'wait' };
    case 'paid':
      return { screen: 'paid', storeName, totalFen };
    case 'expired':
    case 'cancelled':
    case 'failed':
      return idleView(storeName);
    default: {
      const never: never = payment.status;
      return never;
    }
  }
}

/** The one IPC channel of the customer display (main → its preload; receive only). */
export const CUSTOMER_VIEW_CHANNEL = 'customer:view';

/** The QR's side on the customer display, CSS px: 60 % of the shorter side (issue 14 asks ≥ 50 %). */
export function customerQrSidePx(width: number, height: number): number {
  return Math.ceil(Math.min(width, height) * 0.6);
}
