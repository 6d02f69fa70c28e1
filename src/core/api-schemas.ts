// Payload schema for every PosCall: what the IPC wrapper (main) and the harness check before core
// sees a payload. Strict objects (unknown keys rejected), integer fen within WeChat's bounds, short
// bounded strings. The business rules (refundable amount, caps, totals) stay in core.
import { z } from 'zod';
import { CASH_DENOMINATIONS_FEN } from '../common/day'; // issue 13 (i13-day)
import { POS_CALLS, type PosCallName, type PosCalls } from '../common/api';
import { MAX_FEN } from '../common/money';
import { PERSON_NAME_MAX_CHARS, REFUND_REASON_MAX_CHARS, SEARCH_TEXT_MAX_CHARS } from '../common/text-limits';
import { MAX_LINE_NAME_CHARS, MAX_LINE_QUANTITY, MAX_SALE_LINES } from '../common/sale-limits';
import { STAFF_NAME_MAX_CHARS, STAFF_PIN_MAX_CHARS, STAFF_ROLES } from '../common/staff';
import { API_KEY_PATTERN, APPID_PATTERN, MCH_ID_PATTERN, STORE_NAME_MAX_CHARS, TILL_ID_PATTERN } from '../common/settings-rules';
import { SCANNER_GAP_MAX_MS, SCANNER_GAP_MIN_MS } from '../common/scanner-limits'; // issue 12 quick pay
import { MAX_CATEGORY_CHARS, MAX_QUICK_KEYS } from '../common/catalog'; // issue 15.1
import { HQ_ENROL_CODE_PATTERN, HQ_FINGERPRINT_PATTERN, HQ_URL_MAX_CHARS, isHqUrl } from '../common/hq-enrol-rules'; // issue 16.2 (i16-enrol)
import { HQ_PAYMENT_SEARCH_MIN_CHARS } from '../common/hq-sync'; // issue 16.4 (i16-xrefund)

/** The payload type a call takes (undefined for calls without one). */
export type PayloadOf<K extends PosCallName> = Parameters<PosCalls[K]> extends [infer P] ? P : undefined;

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
// issue 11 point 8 (i11-staff): invisible format characters (U+202E right-to-left override, zero-width
// joiners, ...) can make a store name or a reason read differently from what is stored.
const NO_FORMAT = /^\P{Cf}*$/u;
const text = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(NO_CONTROL, 'control characters')
    .regex(NO_FORMAT, 'invisible formatting characters (such as U+202E) are not allowed');
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'not an id');
const fen = z.int().min(0).max(MAX_FEN);
const epochMs = z.int().min(0).max(8_640_000_000_000_000);
/** No payload: the preload sends undefined; the harness may send null. */
const none = z.union([z.undefined(), z.null()]).transform(() => undefined);

/** issue 11: a PIN as typed (its format is checked in core so a malformed one counts as a wrong try). */
const staffPin = z.string().min(1).max(STAFF_PIN_MAX_CHARS);
const staffName = text(1, STAFF_NAME_MAX_CHARS);

const saleLine = z.strictObject({
  name: text(1, MAX_LINE_NAME_CHARS),
  quantity: z.int().min(1).max(MAX_LINE_QUANTITY),
  unitFen: fen,
});

/** issue 11: another manager's PIN, for refunds above the threshold and a shift difference above the limit. */
const secondApprover = z.strictObject({ staffId: id, pin: staffPin });

export const posCallSchemas = {
  getShellInfo: none,
  charge: z.strictObject({
    lines: z.array(saleLine).min(1).max(MAX_SALE_LINES),
    cashier: text(1, PERSON_NAME_MAX_CHARS).optional(), // issue 11: ignored, the signed-in person is recorded
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
    secondApprover: secondApprover.optional(), // issue 11
  }),
  getAlerts: none,
  dismissAlert: z.strictObject({ alertId: id, reason: text(1, REFUND_REASON_MAX_CHARS).optional() }),
  markRefundHandled: z.strictObject({ refundId: id }), // issue 10 (refunds); issue 11: the signed-in manager
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
    scannerGapMs: z.int().min(SCANNER_GAP_MIN_MS).max(SCANNER_GAP_MAX_MS).optional(), // issue 12 quick pay
  }),
  importMerchantCertificate: z.discriminatedUnion('format', [
    z.strictObject({ format: z.literal('p12'), password: z.string().max(128) }),
    z.strictObject({ format: z.literal('pem') }),
  ]),
  testConnection: none,
  setMode: z.strictObject({ mode: z.enum(['SANDBOX', 'LIVE']), confirmed: z.boolean() }),
  sandboxPhone: z.strictObject({
    attemptId: id,
    action: z.enum(['pay', 'pay-slowly', 'fail', 'abandon']),
  }),
  // --- issue 11 (i11-staff): staff accounts and the session ---
  getStaffSession: none,
  firstRunSetup: z.strictObject({ setupCode: z.string().min(1).max(32).regex(/^[A-Za-z0-9 -]+$/, 'letters, digits and dashes'), name: staffName, pin: staffPin }),
  signIn: z.strictObject({ staffId: id.optional(), pin: staffPin }),
  signOut: none,
  lockTill: none,
  listStaff: none,
  addStaff: z.strictObject({ name: staffName, role: z.enum(STAFF_ROLES), pin: staffPin }),
  updateStaff: z.strictObject({
    staffId: id,
    name: staffName.optional(),
    role: z.enum(STAFF_ROLES).optional(),
    pin: staffPin.optional(),
    disabled: z.boolean().optional(),
  }),
  unlockStaff: z.strictObject({ staffId: z.union([id, z.literal('*')]) }),
  changeOwnPin: z.strictObject({ currentPin: staffPin, newPin: staffPin }),
  saveStaffPolicy: z.strictObject({
    idleMinutes: z.int().min(0).max(24 * 60).optional(),
    secondApprovalAboveFen: fen.optional(),
  }),
  // --- issue 11 point 4 (i11-audit) ---
  acknowledgeAuditBreak: z.strictObject({ note: text(3, 500) }),
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  getShift: none,
  openShift: z.strictObject({ floatFen: fen }),
  moveShiftCash: z.strictObject({ kind: z.enum(['PAY_IN', 'PAY_OUT']), amountFen: z.int().min(1).max(MAX_FEN), reason: text(1, REFUND_REASON_MAX_CHARS) }),
  closeShift: z.strictObject({
    counts: z
      .array(
        z.strictObject({
          denominationFen: z.literal(CASH_DENOMINATIONS_FEN),
          pieces: z.int().min(0).max(100_000),
        }),
      )
      .max(CASH_DENOMINATIONS_FEN.length),
    acceptDifference: z.boolean().optional(),
    secondApprover: secondApprover.optional(),
  }),
  cashSale: z.strictObject({ lines: z.array(saleLine).min(1).max(MAX_SALE_LINES), tenderedFen: fen }),
  cashRefund: z.strictObject({ saleId: id, amountFen: z.int().min(1).max(MAX_FEN), reason: text(1, REFUND_REASON_MAX_CHARS) }),
  getXReport: z.strictObject({ day: z.string().regex(/^\d{8}$/, 'yyyyMMdd').optional() }),
  closeDay: z.strictObject({ day: z.string().regex(/^\d{8}$/, 'yyyyMMdd').optional() }),
  listZReports: none,
  getZReport: z.strictObject({ seq: z.int().min(1).max(1_000_000_000) }),
  dayReportCsv: z.strictObject({ seq: z.int().min(1).max(1_000_000_000).optional() }),
  getDaySettings: none,
  saveDaySettings: z.strictObject({
    cutoffHour: z.int().min(0).max(23),
    roundCashToJiao: z.boolean(),
    diffLimitFen: fen,
  }),
  reconcileDay: z.strictObject({ billDate: z.string().regex(/^\d{8}$/, 'yyyyMMdd') }),
  // --- issue 12 quick pay (i12-engine) ---
  // authCode is only bounded here: core checks the payment-code rule and answers NOT_A_PAYMENT_CODE in
  // plain words (a product barcode or a typo is a cashier's mistake, not a malformed payload).
  quickPay: z.strictObject({
    lines: z.array(saleLine).min(1).max(MAX_SALE_LINES),
    cashier: text(1, PERSON_NAME_MAX_CHARS).optional(), // ignored: core records the signed-in person
    authCode: z.string().max(128),
  }),
  sandboxPaymentCode: z.strictObject({ customer: z.enum(['auto', 'password', 'notenough', 'payerror']) }),
  sandboxPassword: z.strictObject({ attemptId: id, action: z.enum(['enter', 'abandon']) }),
  // --- issue 15.1 catalog ---
  listProducts: none,
  saveProduct: z.strictObject({
    productId: id.optional(),
    name: text(1, MAX_LINE_NAME_CHARS),
    priceFen: z.int().min(1).max(MAX_FEN),
    barcode: z.string().max(32).regex(/^[A-Za-z0-9-]*$/, 'letters and digits').nullable(),
    category: text(0, MAX_CATEGORY_CHARS),
    quickKey: z.int().min(1).max(MAX_QUICK_KEYS).nullable(),
  }),
  deleteProduct: z.strictObject({ productId: id }),
  importCatalogCsv: z.strictObject({ csv: z.string().max(2_000_000) }),
  exportCatalogCsv: none,
  // --- issue 14 printing: shapes only; the address and width get their plain-words check in core ---
  getPrinterSettings: none,
  savePrinterSettings: z.strictObject({
    kind: z.enum(['none', 'network', 'system']),
    address: z.string().max(300).optional(),
    deviceName: z.string().max(300).optional(),
    width: z.number(),
    locale: z.enum(['zh-CN', 'en']),
    autoPrint: z.boolean(),
    openDrawer: z.boolean(),
  }),
  printReceipt: z.strictObject({ saleId: id }),
  printTestPage: none,
  listPrintJobs: none,
  retryPrintJobs: none,
  discardPrintJob: z.strictObject({ jobId: z.int().min(1) }),
  getSyncStatus: none, // --- issue 16 head office
  // --- issue 13 + 14 (w2-print): shift-close and X/Z slips ---
  printShiftClose: z.strictObject({ shiftId: id }),
  printDayReport: z.strictObject({ seq: z.int().min(1).max(1_000_000_000).optional() }),
  getAuditState: none, // --- issue 11 point 4 follow-up (w2-ack)
  // --- issue 16.2 till enrolment (i16-enrol) ---
  // The screen checks the same rules first (common/hq-enrol-rules.ts) and words them in one language.
  getHeadOffice: none,
  enrolAtHeadOffice: z.strictObject({
    url: z.string().trim().max(HQ_URL_MAX_CHARS).refine(isHqUrl, '总部地址须以 https:// 开头 / the HQ address must be https:// followed by its host (and port)'),
    fingerprint: z.string().trim().regex(HQ_FINGERPRINT_PATTERN, '证书指纹须为总部显示的 32 组十六进制数 / the fingerprint is the 32 hex pairs HQ shows (AB:CD:...)'),
    code: z.string().trim().regex(HQ_ENROL_CODE_PATTERN, '登记码为 12 位数字 / the code is the 12 digits HQ shows (1234-5678-9012)'),
  }),
  leaveHeadOffice: none,
  // --- issue 16.4 cross-till refund (i16-xrefund) ---
  searchHqPayments: z.strictObject({
    text: z
      .string()
      .trim()
      .min(HQ_PAYMENT_SEARCH_MIN_CHARS, '请至少输入单号的后 6 位 / type at least the last 6 characters of the order number')
      .max(64, '单号太长 / the order number is too long')
      .regex(/^[A-Za-z0-9_\-|*@]+$/, '单号只含字母、数字和 _-|*@ / an order number has only letters, digits and _-|*@'),
  }),
  openHqPayment: z.strictObject({
    outTradeNo: z.string().regex(/^[0-9A-Za-z_\-|*]{1,32}$/, '商户订单号为 1–32 位字母、数字或 _-|* / out_trade_no is 1–32 letters, digits or _-|*'),
  }),
  // --- issue 13.1 split tender (i13-split) ---
  // Shapes only: core checks 0 < cashFen < the priced total and tenderedFen >= cashFen, in plain words.
  splitCharge: z.strictObject({ lines: z.array(saleLine).min(1).max(MAX_SALE_LINES), cashFen: fen, tenderedFen: fen }),
  splitQuickPay: z.strictObject({ lines: z.array(saleLine).min(1).max(MAX_SALE_LINES), cashFen: fen, tenderedFen: fen, authCode: z.string().max(128) }),
  listSplitCashOwed: none,
  confirmSplitCashReturned: z.strictObject({ saleId: id }),
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
