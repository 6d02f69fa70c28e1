// History: receipts paged from SQLite by keyset cursor into a virtualized list, with search, filters,
// the day's totals, and a receipt's detail (with its refunds and the refund form).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DayTotals, ReceiptQuery, ReceiptSummary } from '../../../common/api';
import { call, pos, usePosEvent } from '../bridge';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { VirtualList } from '../components/VirtualList';
import { useKeymap } from '../hooks/useKeymap';
import { useI18n } from '../i18n/i18n-context';
import { buildQuery, EMPTY_FILTERS, scannedReceipt, STATUS_FILTERS, type HistoryFilters } from '../lib/history-query';
import { money } from '../lib/money';
import { dateTime, dayStart } from '../lib/time';
import { ReceiptDetailPanel } from './ReceiptDetailPanel';
import { SEARCH_TEXT_MAX_CHARS } from '../../../common/text-limits';
import { PaymentKindTag } from '../components/PaymentKindTag'; // issue 12 point 6
import { HqPaymentSearch } from '../components/HqPaymentSearch'; // issue 16.4 cross-till refund (i16-xrefund)
import { SplitPartsTag } from '../components/SplitPartsTag'; // issue 13.1 split tender (i13-split)

const ROW_PX = 48;

interface Props {
  /** The receipt whose detail is open (App owns it: an alert can open one from any screen). */
  readonly openSaleId: string | null;
  readonly onOpen: (saleId: string) => void;
  readonly onClose: () => void;
}

export function HistoryScreen({ openSaleId, onOpen, onClose }: Props) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<HistoryFilters>(EMPTY_FILTERS);
  const [rows, setRows] = useState<readonly ReceiptSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [totals, setTotals] = useState<DayTotals | null>(null);
  const query = useRef<Omit<ReceiptQuery, 'cursor'> | null>(null);
  const generation = useRef(0); // answers to an older search are dropped
  const inFlight = useRef(false);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  const loadTotals = useCallback(async () => {
    const r = await call(() => pos.getDayTotals({ dayStartMs: dayStart(Date.now()) }));
    if (r.ok) setTotals(r.value);
  }, []);

  const fetchPage = useCallback(async (q: Omit<ReceiptQuery, 'cursor'>, after: string | null, gen: number) => {
    inFlight.current = true;
    setLoading(true);
    const r = await call(() => pos.listReceipts(after ? { ...q, cursor: after } : q));
    if (gen !== generation.current) return;
    inFlight.current = false;
    setLoading(false);
    if (!r.ok) return setError(r);
    setError(null);
    setRows((cur) => (after ? [...cur, ...r.value.rows] : r.value.rows));
    setCursor(r.value.nextCursor);
    const only = !after ? scannedReceipt(q.text, r.value.rows) : null; // issue 15.4: a scanned receipt opens
    if (only) onOpenRef.current(only);
  }, []);

  const apply = useCallback(
    (f: HistoryFilters) => {
      const b = buildQuery(f);
      if (!b.ok) return setError(localError(b.error));
      query.current = b.query;
      generation.current += 1;
      setRows([]);
      setCursor(null);
      void fetchPage(b.query, null, generation.current);
    },
    [fetchPage],
  );

  const loadMore = useCallback(() => {
    if (!query.current || !cursor || inFlight.current) return;
    void fetchPage(query.current, cursor, generation.current);
  }, [cursor, fetchPage]);

  useEffect(() => {
    apply(EMPTY_FILTERS);
    void loadTotals();
  }, [apply, loadTotals]);

  // Typing in the search box searches by itself after a short pause (with the filters as they are
  // then, not as they were at the keystroke); Find/Enter searches at once and cancels the pause.
  const latest = useRef(filters);
  latest.current = filters;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelPending = (): void => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
  };
  const searchSoon = (): void => {
    cancelPending();
    pending.current = setTimeout(() => {
      pending.current = null;
      apply(latest.current);
    }, 300);
  };
  useEffect(() => cancelPending, []);

  usePosEvent('refund', (r) => {
    if (r.status === 'refunded') void loadTotals();
  });

  useKeymap('screen', [{ keys: ['Escape'], when: () => openSaleId !== null, run: onClose }]);

  const set = (patch: Partial<HistoryFilters>): void => setFilters((f) => ({ ...f, ...patch }));

  const renderRow = (i: number) => {
    const r = rows[i];
    if (!r) return null;
    return (
      <div
        key={r.saleId}
        className={`hrow ${openSaleId === r.saleId ? 'selected' : ''} ${r.paidAfterCancel ? 'flagged' : ''}`}
        role="row"
        tabIndex={0}
        data-testid="history-row"
        data-sale-id={r.saleId}
        data-mode={r.mode}
        onClick={() => onOpen(r.saleId)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onOpen(r.saleId);
          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            // rows around the focused one are always rendered (overscan), so a sibling exists
            e.preventDefault();
            const next = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
            if (next instanceof HTMLElement) next.focus();
          }
        }}
      >
        <span className="c-time">{dateTime(r.paidAt)}</span>
        <span className="c-no mono" data-testid="history-row-otn">{r.outTradeNo}</span>
        <span className="c-no mono" data-testid="history-row-txn">{r.transactionId}</span>
        <span className="c-amt num">{money(r.split ? r.split.saleTotalFen : r.totalFen)}</span>
        <span className="c-status">
          {r.mode === 'SANDBOX' ? (
            <span className="mode-badge mode-sandbox" data-testid="history-row-sandbox">
              {t('receipt.sandboxShort')}
            </span>
          ) : null}{' '}
          {t(`receipt.status.${r.status}`)}
          {r.paidAfterCancel ? ` · ${t('receipt.paidAfterCancel')}` : ''} <PaymentKindTag kind={r.kind} /> <SplitPartsTag split={r.split} />
        </span>
      </div>
    );
  };

  return (
    <div className="history">
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          cancelPending();
          apply(filters);
        }}
      >
        <label className="grow">
          {t('history.search')}
          <input
            data-testid="history-search"
            type="search"
            autoFocus
            placeholder={t('history.tailHint')}
            value={filters.text}
            maxLength={SEARCH_TEXT_MAX_CHARS}
            onChange={(e) => {
              set({ text: e.target.value });
              searchSoon();
            }}
          />
        </label>
        <label>
          {t('history.amount')}
          <input data-testid="history-amount" inputMode="decimal" value={filters.amount} onChange={(e) => set({ amount: e.target.value })} />
        </label>
        <label>
          {t('history.from')}
          <input data-testid="history-from" inputMode="numeric" placeholder={t('history.datePattern')} value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          {t('history.to')}
          <input data-testid="history-to" inputMode="numeric" placeholder={t('history.datePattern')} value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          {t('history.status')}
          <select data-testid="history-status" value={filters.status} onChange={(e) => set({ status: e.target.value as HistoryFilters['status'] })}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s ? t(`receipt.status.${s}`) : t('history.allStatuses')}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" data-testid="history-find">
          {t('history.find')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            cancelPending();
            setFilters(EMPTY_FILTERS);
            apply(EMPTY_FILTERS);
          }}
        >
          {t('history.reset')}
        </button>
      </form>
      <p className="day-totals" data-testid="day-totals">
        {totals
          ? t('history.dayTotals', { count: totals.count, paid: money(totals.paidFen), refunded: money(totals.refundedFen), net: money(totals.netFen) })
          : t('history.loading')}
      </p>
      <ErrorLine error={error} />
      <div className="history-body">
        <div className="history-list">
          <div className="hrow hhead" role="row">
            <span className="c-time">{t('history.col.time')}</span>
            <span className="c-no">{t('history.col.outTradeNo')}</span>
            <span className="c-no">{t('history.col.transactionId')}</span>
            <span className="c-amt num">{t('history.col.total')}</span>
            <span className="c-status">{t('history.col.status')}</span>
          </div>
          <VirtualList count={rows.length} rowPx={ROW_PX} renderRow={renderRow} onNearEnd={loadMore} testId="history-list" />
          <p className="list-foot" data-testid="history-foot">
            {loading ? t('history.loading') : rows.length === 0 ? t('history.empty') : cursor ? '' : t('history.end')}
          </p>
          <HqPaymentSearch text={query.current?.text?.trim() ?? ''} nothingHere={!loading && rows.length === 0} onOpen={onOpen} />
        </div>
        {openSaleId ? (
          <ReceiptDetailPanel
            saleId={openSaleId}
            onClose={onClose}
            onRefunded={() => {
              void loadTotals();
              if (query.current) apply(filters);
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
