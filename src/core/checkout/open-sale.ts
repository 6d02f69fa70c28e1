// The commit every way of taking money by WeChat starts with (charge and quick pay, each with or without a
// cash part): lines priced in core and a cash part checked before anything is written; then sale, lines,
// a CREATED attempt for the WeChat part (the whole total, or the rest after the cash part), the split's
// cash row and the audit entry in one transaction, refused while another sale is open. Nothing is sent
// to WeChat before this commit.
import type { SaleLineInput } from '../../common/api';
import { err, ok, type Result } from '../../common/result';
import { countBlockingAttempts, insertAttempt } from '../store/repos/attempt-repo';
import { insertSale } from '../store/repos/sale-repo';
import { orderBody, priceLines } from './charge';
import type { EngineContext } from './engine-context';
import { recordSplit, type SplitCashInput, wechatPartFen } from './split-sale';

export interface OpenSaleInput {
  readonly kind: 'NATIVE' | 'MICROPAY';
  readonly lines: readonly SaleLineInput[];
  readonly cashier: string;
  readonly split?: SplitCashInput;
  /** MICROPAY: the customer's payment code (never audited: it is their one-time credential). */
  readonly authCode?: string;
  /** When the order stops being payable (NATIVE's time_expire), from the commit's time; null for none. */
  readonly expiresAt: (now: number) => number | null;
  /** A refusal of its own, checked inside the transaction before the open-sale check. */
  readonly busy?: () => Result<null>;
}

export interface OpenedSale {
  readonly saleId: string;
  readonly attemptId: string;
}

const SALE_IN_PROGRESS = 'another sale is still waiting for payment on this till';

export function openSale(ctx: EngineContext, input: OpenSaleInput): Result<OpenedSale> {
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
  const committed = ctx.db.transaction((): Result<null> => {
    const own = oneAtATime && input.busy ? input.busy() : ok(null);
    if (!own.ok) return own;
    if (oneAtATime && countBlockingAttempts(ctx.db, now) > 0) return err('SALE_IN_PROGRESS', SALE_IN_PROGRESS);
    insertSale(ctx.db, { saleId, tillId: ctx.deps.tillId(), cashier: input.cashier, lines: priced.lines, totalFen: priced.totalFen, mode, createdAt: now });
    insertAttempt(ctx.db, {
      id: attemptId,
      saleId,
      kind: input.kind,
      outTradeNo,
      totalFen: wechat.value,
      body: orderBody(ctx.deps.storeName(), priced.lines),
      expiresAt: input.expiresAt(now),
      createdAt: now,
      ...(input.authCode === undefined ? {} : { authCode: input.authCode }),
    });
    const action = input.kind === 'NATIVE' ? 'charge' : 'quickpay';
    ctx.audit(input.cashier, action, outTradeNo, { saleId, attemptId, totalFen: wechat.value, lines: priced.lines.length, mode });
    recordSplit(ctx, { split: input.split, saleId, attemptId, totalFen: priced.totalFen, at: now, cashier: input.cashier });
    return ok(null);
  })();
  if (!committed.ok) return committed;
  ctx.crash('charge.after-commit');
  return ok({ saleId, attemptId });
}
