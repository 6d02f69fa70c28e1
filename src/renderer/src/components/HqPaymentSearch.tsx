// Issue 16.4 (i16-xrefund): when History finds nothing here and the till is enrolled at head office, a
// manager asks HQ for the payment (made at another till). HQ's answers list the paying till's name; opening
// one brings it to this till (a mirror receipt) and shows the usual receipt detail with its refund form.
import { useEffect, useState } from 'react';
import type { HqPayment } from '../../../common/hq-sync';
import { HQ_PAYMENT_SEARCH_MIN_CHARS } from '../../../common/hq-sync';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';
import { dateTime } from '../lib/time';
import { ErrorLine, type UiError } from './ErrorLine';

interface Props {
  /** The search text History just looked for (trimmed). */
  readonly text: string;
  /** History's own search found nothing. */
  readonly nothingHere: boolean;
  readonly onOpen: (saleId: string) => void;
}

export function HqPaymentSearch({ text, nothingHere, onOpen }: Props) {
  const { t } = useI18n();
  const [enrolled, setEnrolled] = useState(false);
  const [found, setFound] = useState<readonly HqPayment[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    let live = true;
    void call(() => pos.getSyncStatus()).then((r) => live && r.ok && setEnrolled(r.value.state !== 'off'));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    setFound(null);
    setError(null);
  }, [text]);

  if (!enrolled || !nothingHere || text.length < HQ_PAYMENT_SEARCH_MIN_CHARS) return null;

  const search = async (): Promise<void> => {
    setBusy(true);
    const r = await call(() => pos.searchHqPayments({ text }));
    setBusy(false);
    if (!r.ok) return setError(r);
    setError(null);
    setFound(r.value);
  };
  const open = async (p: HqPayment): Promise<void> => {
    setBusy(true);
    const r = await call(() => pos.openHqPayment({ outTradeNo: p.outTradeNo }));
    setBusy(false);
    if (!r.ok) return setError(r);
    onOpen(r.value.receipt.saleId);
  };

  return (
    <div className="hq-search" data-testid="hq-search">
      <button type="button" className="btn" disabled={busy} data-testid="hq-search-button" onClick={() => void search()}>
        {t('hqSearch.button')}
      </button>
      <ErrorLine error={error} />
      {found && found.length === 0 ? <p data-testid="hq-search-none">{t('hqSearch.none')}</p> : null}
      {found && found.length > 0 ? (
        <ul className="hq-search-list">
          {found.map((p) => (
            <li key={p.outTradeNo} data-testid="hq-search-row" data-out-trade-no={p.outTradeNo}>
              <span data-testid="hq-search-till">{t('hqSearch.till', { till: p.tillName })}</span>{' '}
              <span>{dateTime(p.paidAt)}</span> <span className="mono">{p.outTradeNo}</span> <span className="num">{money(p.totalFen)}</span>{' '}
              <span>{t('hqSearch.refundable', { refunded: money(p.refundedFen), refundable: money(p.refundableFen) })}</span>{' '}
              {p.tender === 'CASH' ? (
                <span>{t('hqSearch.cash')}</span>
              ) : (
                <button type="button" className="btn btn-primary" disabled={busy || p.refundableFen <= 0} data-testid="hq-search-open" onClick={() => void open(p)}>
                  {t('hqSearch.open')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
