// Issue 14 point 3: keeps the customer display's one projection current. Learns the lines when the
// cashier charges and the state from every payment event; after "paid" it shows thanks for a while and
// returns to the idle screen with the store name.
import type { PaymentView, SaleLineInput } from '../../common/api';
import type { Clock } from '../../common/clock';
import { idleView, projectCustomerView, type CustomerView } from '../../common/customer-view';

export interface CustomerFeed {
  /** The cashier charged these lines; the next payment event for saleId uses them. */
  charged(saleId: string, lines: readonly SaleLineInput[]): void;
  payment(view: PaymentView): void;
  current(): CustomerView;
  stop(): void;
}

export const THANKS_MS = 8_000;

export function createCustomerFeed(deps: { storeName(): string; clock: Clock; emit(view: CustomerView): void }): CustomerFeed {
  let view: CustomerView = idleView(deps.storeName());
  let sale: { saleId: string; lines: readonly SaleLineInput[] } | null = null;
  let thanks: AbortController | null = null;

  const show = (v: CustomerView): void => {
    view = v;
    deps.emit(v);
  };

  return {
    charged(saleId, lines) {
      thanks?.abort();
      sale = { saleId, lines };
    },
    payment(p) {
      // events of an older attempt (a cancelled one still watched) never replace the current sale
      if (sale && p.saleId !== sale.saleId) return;
      const next = projectCustomerView(deps.storeName(), sale?.lines ?? [], p);
      show(next);
      if (next.screen === 'paid') {
        thanks?.abort();
        const ctl = (thanks = new AbortController());
        deps.clock.sleep(THANKS_MS, ctl.signal).then(
          () => {
            if (view.screen === 'paid') show(idleView(deps.storeName()));
          },
          () => undefined,
        );
      }
    },
    current: () => view,
    stop: () => thanks?.abort(),
  };
}
