// Payload schema for every PosCall: what the IPC wrapper (main) and the harness check before core
// sees a payload. Strict objects (unknown keys rejected), integer fen within WeChat's bounds, short
// bounded strings. The business rules (refundable amount, caps, totals) stay in core.
import { z } from 'zod';
import { POS_CALLS, type PosCallName, type PosCalls } from '../common/api';
import { MAX_FEN } from '../common/money';
import { MANAGER_PIN_MAX_CHARS, PERSON_NAME_MAX_CHARS, REFUND_REASON_MAX_CHARS, SEARCH_TEXT_MAX_CHARS } from '../common/text-limits';
import { MAX_LINE_NAME_CHARS, MAX_LINE_QUANTITY, MAX_SALE_LINES } from '../common/sale-limits';
import { API_KEY_PATTERN, APPID_PATTERN, MANAGER_PIN_PATTERN, MCH_ID_PATTERN, STORE_NAME_MAX_CHARS, TILL_ID_PATTERN } from '../common/settings-rules';

/** The payload type a call takes (undefined for calls without one). */
export type PayloadOf<K extends PosCallName> = Parameters<PosCalls[K]> extends [infer P] ? P : undefined;

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const text = (min: number, max: number) => z.string().min(min).max(max).regex(NO_CONTROL, 'control characters');
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'not an id');
const fen = z.int().min(0).max(MAX_FEN);
const epochMs = z.int().min(0).max(8_640_000_000_000_000);
/** No payload: the preload sends undefined; the harness may send null. */
const none = z.union([z.undefined(), z.null()]).transform(() => undefined);

/** A manager's approval (name + PIN). PIN format is checked by the PIN module: a malformed PIN is a wrong try. */
const approval = {
  approver: text(1, PERSON_NAME_MAX_CHARS),
  managerPin: z.string().min(1).max(MANAGER_PIN_MAX_CHARS),
};

const saleLine = z.strictObject({
  name: text(1, MAX_LINE_NAME_CHARS),
  quantity: z.int().min(1).max(MAX_LINE_QUANTITY),
  unitFen: fen,
});

export const posCallSchemas = {
  getShellInfo: none,
  charge: z.strictObject({
    lines: z.array(saleLine).min(1).max(MAX_SALE_LINES),
    cashier: text(1, PERSON_NAME_MAX_CHARS),
  }),
  getPayment: z.strictObject({ attemptId: id }),
  cancelPayment: z.strictObject({ attemptId: id }),
  getRecovery: none,
  listReceipts: z.strictObject({
    text: text(0, SEARCH_TEXT_MAX_CHARS).optional(),
    amountFen: fen.optional(),
    fromMs: epochMs.optional(),
    toMs: epochMs.optional(),
    status: z.enum(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'PAID_AFTER_CANCEL']).optional(),
    cursor: z.string().max(512).regex(/^[A-Za-z0-9_.:=+/-]*$/, 'not a cursor').optional(),
    limit: z.int().min(1).max(200),
  }),
  getReceipt: z.strictObject({ saleId: id }),
  getDayTotals: z.strictObject({ dayStartMs: epochMs }),
  requestRefund: z.strictObject({
    saleId: id,
    amountFen: z.int().min(1).max(MAX_FEN),
    reason: text(1, REFUND_REASON_MAX_CHARS),
    approver: text(1, PERSON_NAME_MAX_CHARS),
    // Format is checked by the PIN module so that a malformed PIN counts as a wrong try.
    managerPin: z.string().min(1).max(MANAGER_PIN_MAX_CHARS),
  }),
  getAlerts: none,
  dismissAlert: z.strictObject({ alertId: id }),
  markRefundHandled: z.strictObject({ refundId: id, ...approval }), // issue 10 (refunds)
  getSettings: none,
  saveSettings: z.strictObject({
    storeName: text(1, STORE_NAME_MAX_CHARS).optional(),
    tillId: z.string().regex(TILL_ID_PATTERN, 'letters, digits, _ or -, up to 32').optional(), // device_info String(32)
    locale: z.enum(['zh-CN', 'en']).optional(),
    appid: z.string().regex(APPID_PATTERN, 'an appid is wx followed by 16 letters or digits').optional(),
    mchId: z.string().regex(MCH_ID_PATTERN, 'a mch_id is digits').optional(),
    signType: z.enum(['MD5', 'HMAC-SHA256']).optional(),
    apiKey: z.string().regex(API_KEY_PATTERN, 'the API key is 32 letters or digits').optional(),
    refundCapFen: fen.optional(),
    dailyRefundCapFen: fen.optional(),
    // Needed only for protected fields (core decides which): storeName and locale stay free.
    approver: approval.approver.optional(),
    managerPin: approval.managerPin.optional(),
  }),
  importCertificate: z.discriminatedUnion('format', [
    z.strictObject({ format: z.literal('p12'), password: z.string().max(128), ...approval }),
    z.strictObject({ format: z.literal('pem'), ...approval }),
  ]),
  setManagerPin: z.strictObject({
    currentPin: z.string().min(1).max(MANAGER_PIN_MAX_CHARS).nullable(),
    newPin: z.string().regex(MANAGER_PIN_PATTERN, 'the PIN is 4 to 8 digits'),
  }),
  testConnection: none,
  setMode: z.strictObject({ mode: z.enum(['SANDBOX', 'LIVE']), confirmed: z.boolean(), ...approval }),
  sandboxPhone: z.strictObject({
    attemptId: id,
    action: z.enum(['pay', 'pay-slowly', 'fail', 'abandon']),
  }),
  getSyncStatus: none, // --- issue 16 head office
} satisfies { [K in PosCallName]: z.ZodType<PayloadOf<K>> };

// Every call has a schema and no schema is extra (the satisfies above checks the first direction).
const _noExtra: [Exclude<keyof typeof posCallSchemas, PosCallName>] extends [never] ? true : never = true;
void _noExtra;

export function isPosCallName(name: string): name is PosCallName {
  return (POS_CALLS as readonly string[]).includes(name);
}

/** One line saying what was wrong, without echoing values (a PIN or key could be in them). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`)
    .join('; ');
}
