// quickPay (issue 12): the cashier scanned the customer's payment code. The code is checked against
// WeChat's rule first (anything else is never sent); then, as in charge, sale + lines + a CREATED
// MICROPAY attempt (with the code) are committed with the audit entry before micropay is sent once.
// Resolves when micropay is answered; an unknown outcome, a password wait or a reversal is the
// attempt's watcher's from then on (micropay-flow.ts).
import { isPaymentCode, type PaymentView, type SaleLineInput } from '../../common/api';
import { err, ok, type Result } from '../../common/result';
import { countBlockingAttempts, getAttempt, insertAttempt } from '../store/repos/attempt-repo';
import { insertSale } from '../store/repos/sale-repo';
import { stmt } from '../store/stmt';
import { orderBody, priceLines } from './charge';
import type { EngineContext } from './engine-context';
import { AttemptDriver } from './native-driver';
import { buildPaymentView } from './payment-view';
import { NOT_A_PAYMENT_CODE_TEXT, QUICK_PAY_IN_PROGRESS_TEXT } from './quick-pay-texts';
import { classifySend, sendFirst } from './send-first';
import { recordSplit, type SplitCashInput, wechatPartFen } from './split-sale'; // issue 13.1 split tender

/** A quick pay still in flight: not final, not cancelled, not yet being reversed. */
function quickPaysInFlight(ctx: EngineContext): number {
  return (
    stmt(
      ctx.db,
      `SELECT count(*) AS n FROM payment_attempts WHERE final_at IS NULL AND kind = 'MICROPAY'
         AND cancel_requested_at IS NULL AND state IN ('CREATED', 'UNKNOWN', 'USERPAYING')`,
    ).get() as { n: number }
  ).n;
}

export async function quickPay(
  ctx: EngineContext,
  // split (issue 13.1): the cash part already taken; the payment code pays the rest
  input: { readonly lines: readonly SaleLineInput[]; readonly cashier: string; readonly authCode: string; readonly split?: SplitCashInput },
  startDriver: (d: AttemptDriver, firstWaitMs?: number) => void,
): Promise<Result<PaymentView>> {
  // A scanner may add a space or a line end; anything else that is not the rule is not sent.
  const authCode = input.authCode.trim();
  if (!isPaymentCode(authCode)) return err('NOT_A_PAYMENT_CODE', NOT_A_PAYMENT_CODE_TEXT);
  const pricing = priceLines(input.lines);
  if (!pricing.ok) return pricing;
  const priced = pricing.value;
  const wechat = wechatPartFen(priced.totalFen, input.split);
  if (!wechat.ok) return wechat;
  const now = ctx.clock.now();
  const saleId = ctx.deps.ids.id('sale');
  const attemptId = ctx.deps.ids.id('att');
  const outTradeNo = ctx.deps.ids.outTradeNo();
  const mode = ctx.deps.mode();
  const oneAtATime = ctx.deps.oneOpenSalePerTill !== false;
  ctx.crash('charge.before-commit');
  const blocked = ctx.db.transaction((): 'QUICK_PAY_IN_PROGRESS' | 'SALE_IN_PROGRESS' | null => {
    if (oneAtATime && quickPaysInFlight(ctx) > 0) return 'QUICK_PAY_IN_PROGRESS';
    if (oneAtATime && countBlockingAttempts(ctx.db, now) > 0) return 'SALE_IN_PROGRESS';
    insertSale(ctx.db, { saleId, tillId: ctx.deps.tillId(), cashier: input.cashier, lines: priced.lines, totalFen: priced.totalFen, mode, createdAt: now });
    insertAttempt(ctx.db, {
      id: attemptId,
      saleId,
      kind: 'MICROPAY',
      outTradeNo,
      totalFen: wechat.value,
      body: orderBody(ctx.deps.storeName(), priced.lines),
      expiresAt: null,
      createdAt: now,
      authCode,
    });
    // The code itself is not audited: it is the customer's one-time payment credential.
    ctx.audit(input.cashier, 'quickpay', outTradeNo, { saleId, attemptId, totalFen: wechat.value, lines: priced.lines.length, mode });
    recordSplit(ctx, { split: input.split, saleId, attemptId, totalFen: priced.totalFen, at: now, cashier: input.cashier });
    return null;
  })();
  if (blocked === 'QUICK_PAY_IN_PROGRESS') return err(blocked, QUICK_PAY_IN_PROGRESS_TEXT);
  if (blocked === 'SALE_IN_PROGRESS') return err(blocked, 'another sale is still waiting for payment on this till');
  ctx.crash('charge.after-commit');

  const driver = new AttemptDriver(ctx, attemptId);
  const created = getAttempt(ctx.db, attemptId);
  if (created) driver.emit(created);
  // One send only: micropay is never resent (retry-same becomes UNKNOWN, resolved by query).
  const first = await sendFirst(
    async (i) => {
      const row = getAttempt(ctx.db, attemptId);
      if (i > 0 || !row || row.state !== 'CREATED') return null;
      return driver.micropay.send(row);
    },
    classifySend,
    ctx.policy,
    (e) => ctx.log('micropay failed', e), // the watcher resolves it by query
  );
  const after = getAttempt(ctx.db, attemptId);
  startDriver(driver, after?.state === 'USERPAYING' ? ctx.quickPay.queryMs : 0);
  if (!first.ok) return err(first.code, first.message);
  const row = getAttempt(ctx.db, attemptId);
  return row ? ok(buildPaymentView(ctx.db, row, ctx.clock.now(), ctx.deps.storeName())) : err('INTERNAL', 'attempt vanished');
}
