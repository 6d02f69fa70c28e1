// charge: total computed here from the lines; sale (with the till's mode), lines and a CREATED attempt
// with a fresh out_trade_no committed (with the audit entry; open-sale.ts) before unifiedorder is sent.
import type { PaymentView, SaleLine, SaleLineInput } from '../../common/api';
import { isFen, MAX_FEN } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import { getAttempt } from '../store/repos/attempt-repo';
import type { EngineContext } from './engine-context';
import { AttemptDriver } from './native-driver';
import { buildPaymentView } from './payment-view';
import { classifySend, sendFirst } from './send-first';
import { openSale } from './open-sale';
import type { SplitCashInput } from './split-sale'; // issue 13.1 split tender

export interface PricedSale {
  readonly lines: SaleLine[];
  readonly totalFen: number;
}

const INVALID_LINES = err('INVALID_AMOUNT', 'every line needs a positive quantity and a valid price; the total must be above zero');

/** Lines priced in core; INVALID_AMOUNT when any line or the total is not a valid amount. */
export function priceLines(lines: readonly SaleLineInput[]): Result<PricedSale> {
  if (lines.length === 0) return INVALID_LINES;
  let total = 0;
  const out: SaleLine[] = [];
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0 || !isFen(l.unitFen)) return INVALID_LINES;
    const lineFen = l.quantity * l.unitFen;
    if (!isFen(lineFen)) return INVALID_LINES;
    total += lineFen;
    if (total > MAX_FEN) return INVALID_LINES;
    out.push({ name: l.name, quantity: l.quantity, unitFen: l.unitFen, lineFen });
  }
  return total > 0 ? ok({ lines: out, totalFen: total }) : INVALID_LINES;
}

/** UTF-8 safe order body: store name and first item; the client truncates to 127 bytes. */
export function orderBody(storeName: string, lines: readonly SaleLine[]): string {
  const first = lines[0]?.name ?? '';
  const more = lines.length > 1 ? ` +${lines.length - 1}` : '';
  return `${storeName}-${first}${more}`.replace(/[\u{10000}-\u{10FFFF}]/gu, '');
}

export async function charge(
  ctx: EngineContext,
  // split (issue 13.1): the cash part already taken; the order is for the rest
  input: { readonly lines: readonly SaleLineInput[]; readonly cashier: string; readonly split?: SplitCashInput },
  startDriver: (d: AttemptDriver, firstWaitMs?: number) => void,
): Promise<Result<PaymentView>> {
  const opened = openSale(ctx, { ...input, kind: 'NATIVE', expiresAt: (now) => now + ctx.expireMs });
  if (!opened.ok) return opened;
  const { attemptId } = opened.value;

  const driver = new AttemptDriver(ctx, attemptId);
  const created = getAttempt(ctx.db, attemptId);
  if (created) driver.emit(created);
  const first = await sendFirst(
    async () => {
      const row = getAttempt(ctx.db, attemptId);
      if (!row || row.state !== 'CREATED') return null;
      const v = await driver.sendUnifiedOrder(row);
      // Only this process has sent this number, and every send was answered: no order exists.
      if (!v.ok && v.kind === 'rejected') driver.failUncreated(row, v.message);
      return v;
    },
    classifySend,
    ctx.policy,
    (e) => ctx.log('unifiedorder failed', e), // the watcher resolves it by query
  );
  const shown = getAttempt(ctx.db, attemptId);
  startDriver(driver, shown?.state === 'NOTPAY' ? ctx.policy.fastMs : 0);
  if (!first.ok) return err(first.code, first.message);
  const row = getAttempt(ctx.db, attemptId);
  return row ? ok(buildPaymentView(ctx.db, row, ctx.clock.now(), ctx.deps.storeName())) : err('INTERNAL', 'attempt vanished');
}
