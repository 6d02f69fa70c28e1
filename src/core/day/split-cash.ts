// Split tender at the counter (issue 13 point 1): the void cash parts still owed to customers, and the
// cashier's word that one was given back (audited). Which part is void is decided by its WeChat attempt
// alone (store/repos/split-tender-repo.ts).
import type { SplitTenderView } from '../../common/split-tender';
import { err, ok, type Result } from '../../common/result';
import { getSplitOfSale, listSplitCashOwed, markSplitCashReturned } from '../store/repos/split-tender-repo';
import { splitText } from '../checkout/split-texts';
import type { DayDeps } from './day-deps';
import { dayText } from './day-texts';

export interface SplitCash {
  /** Void cash parts of this mode not yet given back, oldest first. */
  owed(): SplitTenderView[];
  confirmReturned(saleId: string): Result<SplitTenderView>;
}

export function createSplitCash(deps: DayDeps): SplitCash {
  const db = deps.store.db;
  return {
    owed: () => listSplitCashOwed(db, deps.mode()),
    confirmReturned(saleId) {
      const who = deps.session.current();
      if (!who) return err('SHIFT_NO_STAFF', dayText.notSignedIn);
      const at = deps.clock.now();
      const done = deps.store.transaction(() => {
        const v = getSplitOfSale(db, saleId);
        if (!markSplitCashReturned(db, saleId, who.name, at)) return false;
        deps.store.audit.append({ actor: who.name, action: 'split.cash.returned', subject: saleId, detail: JSON.stringify({ cashFen: v?.cashFen ?? 0 }) });
        return true;
      });
      const v = getSplitOfSale(db, saleId);
      return done && v ? ok(v) : err('SPLIT_NOT_OWED', splitText.notOwed);
    },
  };
}
