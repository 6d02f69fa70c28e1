// Issue 13 point 1: paying the sale in cash. Tendered amount → change in large digits (抹零 when the
// setting is on); core records the sale in the open shift. Nothing typed is lost on an error.
import { useEffect, useState } from 'react';
import type { PaymentView, SaleLineInput } from '../../../common/api';
import type { CashSaleView } from '../../../common/day';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { parseMoney } from '../lib/money';
import { ErrorLine, localError, type UiError } from './ErrorLine';
import { Money } from './Money';
import { SplitTenderPanel } from './SplitTenderPanel'; // issue 13.1 split tender

interface Props {
  /** The sale's lines, or null while they are not chargeable (the till shows why). */
  readonly lines: () => { readonly lines: readonly SaleLineInput[]; readonly totalFen: number } | null;
  readonly onDone: () => void;
  /** issue 13.1: the rest of a split sale was charged by WeChat (the payment screen takes over). */
  readonly onSplitCharged?: (v: PaymentView) => void;
}

export function CashTender({ lines, onDone, onSplitCharged }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<{ lines: readonly SaleLineInput[]; totalFen: number } | null>(null);
  const [round, setRound] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<CashSaleView | null>(null);
  const [split, setSplit] = useState(false); // issue 13.1: cash part + the rest by WeChat

  useEffect(() => {
    if (open) void call(() => pos.getDaySettings()).then((r) => r.ok && setRound(r.value.roundCashToJiao));
  }, [open]);

  if (done) {
    return (
      <div className="cash-panel" data-testid="cash-done">
        <p>{t('cash.done')}</p>
        <Money fen={done.changeFen} className="cash-change total" testId="cash-change" />
        <button
          type="button"
          className="btn btn-primary"
          data-testid="cash-new-sale"
          onClick={() => {
            setDone(null);
            setOpen(null);
            setText('');
            onDone();
          }}
        >
          {t('cash.newSale')}
        </button>
      </div>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-huge"
        data-testid="cash-open"
        onClick={() => {
          const l = lines();
          if (l) setOpen(l);
        }}
      >
        {t('cash.button')}
      </button>
    );
  }
  if (split && onSplitCharged) {
    return (
      <SplitTenderPanel
        lines={open.lines}
        totalFen={open.totalFen}
        onBack={() => setSplit(false)}
        onCharged={(v) => {
          setSplit(false);
          setOpen(null);
          setText('');
          onSplitCharged(v);
        }}
      />
    );
  }
  const rounding = round ? open.totalFen % 10 : 0;
  const due = open.totalFen - rounding;
  const tendered = parseMoney(text);
  const change = tendered !== null && tendered >= due ? tendered - due : null;
  const take = async () => {
    if (tendered === null) return setError(localError('cash.badAmount'));
    if (tendered < due) return setError(localError('cash.tooLittle'));
    const r = await call(() => pos.cashSale({ lines: open.lines, tenderedFen: tendered }));
    if (!r.ok) return setError(r);
    setError(null);
    setDone(r.value);
  };
  return (
    <div className="cash-panel" data-testid="cash-panel">
      <h3>{t('cash.title')}</h3>
      <p>
        {t('cash.due')} <Money fen={due} testId="cash-due" />
        {rounding > 0 ? (
          <span className="muted">
            {' '}
            ({t('cash.rounding')} <Money fen={rounding} />)
          </span>
        ) : null}
      </p>
      <label>
        {t('cash.tendered')}
        <input
          data-testid="cash-tendered"
          inputMode="decimal"
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter here takes the cash; it must never reach the till's Enter (a WeChat charge).
            e.stopPropagation();
            if (e.key === 'Enter') void take();
          }}
        />
      </label>
      <p>
        {t('cash.change')} {change !== null ? <Money fen={change} className="cash-change total" testId="cash-change-preview" /> : '—'}
      </p>
      <ErrorLine error={error} />
      <button type="button" className="btn btn-primary" data-testid="cash-confirm" onClick={() => void take()}>
        {t('cash.confirm')}
      </button>
      {onSplitCharged ? (
        <button type="button" className="btn" data-testid="split-open" onClick={() => setSplit(true)}>
          {t('split.open')}
        </button>
      ) : null}
      <button type="button" className="btn" onClick={() => setOpen(null)}>
        {t('cash.cancel')}
      </button>
    </div>
  );
}
