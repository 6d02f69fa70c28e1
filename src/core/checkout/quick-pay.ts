// quickPay (issue 12): the cashier scanned the customer's payment code. The code is checked against
// WeChat's rule first (anything else is never sent); then, as in charge, sale + lines + a CREATED
// MICROPAY attempt (with the code) are committed with the audit entry before micropay is sent once.
// Resolves when micropay is answered; an unknown outcome, a password wait or a reversal is the
// attempt's watcher's from then on (micropay-flow.ts).
import { isPaymentCode, type PaymentView, type SaleLineInput } from '../../common/api';
import { err, ok, type Result } from '../../common/result';
import { getAttempt } from '../store/repos/attempt-repo';
import { stmt } from '../store/stmt';
import type { EngineContext } from './engine-context';
import { AttemptDriver } from './native-driver';
import { buildPaymentView } from './payment-view';
import { NOT_A_PAYMENT_CODE_TEXT, QUICK_PAY_IN_PROGRESS_TEXT } from './quick-pay-texts';
import { classifySend, sendFirst } from './send-first';
import { openSale } from './open-sale';
import type { SplitCashInput } from './split-sale'; // issue 13.1 split tender

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
  const opened = openSale(ctx, {
    ...input,
    kind: 'MICROPAY',
    authCode,
    expiresAt: () => null,
    busy: () => (quickPaysInFlight(ctx) > 0 ? err('QUICK_PAY_IN_PROGRESS', QUICK_PAY_IN_PROGRESS_TEXT) : ok(null)),
  });
  if (!opened.ok) return opened;
  const { attemptId } = opened.value;

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
