// Issue 13.1 split tender on the payment screen: what became of the cash part. Pending while WeChat is
// not final; counted once paid; when the WeChat part ended unpaid, the till says in large type to give
// the cash back, and the cashier confirms it (core records who and when).
import { useState } from 'react';
import type { SplitTenderView } from '../../../common/split-tender';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';
import { splitOwedChanged } from '../lib/split-rest';
import { ErrorLine, type UiError } from './ErrorLine';

export function SplitCashNote({ split }: { readonly split: SplitTenderView | null | undefined }) {
  const { t } = useI18n();
  const [returnedAt, setReturnedAt] = useState<number | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  if (!split) return null;
  const vars = { cash: money(split.cashFen), wechat: money(split.wechatFen) };
  switch (split.state) {
    case 'PENDING':
      return (
        <p className="hint" data-testid="split-note" data-state="PENDING">
          {t('pay.split.pending', vars)}
        </p>
      );
    case 'PAID':
      return (
        <p className="hint" data-testid="split-note" data-state="PAID">
          {t('pay.split.paid', vars)}
        </p>
      );
    case 'VOID': {
      if ((split.returnedAt ?? returnedAt) !== null)
        return (
          <p className="hint" data-testid="split-note" data-state="RETURNED">
            {t('pay.split.returned', vars)}
          </p>
        );
      const confirm = async () => {
        const r = await call(() => pos.confirmSplitCashReturned({ saleId: split.saleId }));
        if (!r.ok) return setError(r);
        setError(null);
        setReturnedAt(r.value.returnedAt ?? Date.now());
        splitOwedChanged();
      };
      return (
        <div className="banner-alert payment-status-large" data-testid="split-note" data-state="VOID" role="alert">
          <p data-testid="split-give-back">{t('pay.split.giveBack', vars)}</p>
          <button type="button" className="btn btn-big" data-testid="split-returned" onClick={() => void confirm()}>
            {t('pay.split.confirmReturned')}
          </button>
          <ErrorLine error={error} />
        </div>
      );
    }
    default: {
      const never: never = split.state;
      return never;
    }
  }
}
