// The till: item lines, the amount keypad (screen keys and keyboard), the running total, Charge on Enter.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaymentView } from '../../../common/api';
import { call, pos } from '../bridge';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { Keypad } from '../components/Keypad';
import { Money } from '../components/Money';
import { useI18n } from '../i18n/i18n-context';
import { keyToAction, keypadReducer, type KeypadAction } from '../lib/keypad';
import { lineFen } from '../lib/sale';
import { addPending, linesToCharge, runningTotal, type SaleDraft } from '../lib/sale-draft';

interface Props {
  readonly sale: SaleDraft;
  readonly setSale: (f: (s: SaleDraft) => SaleDraft) => void;
  readonly ready: boolean;
  readonly cashier: string;
  readonly onCharged: (v: PaymentView) => void;
}

function isTextField(el: EventTarget | null): boolean {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

export function TillScreen({ sale, setSale, ready, cashier, onCharged }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const priceRef = useRef<HTMLInputElement>(null);
  const defaultName = t('till.defaultName');

  const keypad = useCallback(
    (a: KeypadAction) => setSale((s) => ({ ...s, keypad: keypadReducer(s.keypad, a) })),
    [setSale],
  );

  const addLine = useCallback(() => {
    const r = addPending(sale, defaultName);
    if (!r.ok) return setError(localError(r.error));
    setError(null);
    setSale(() => r.sale);
    priceRef.current?.focus();
  }, [sale, defaultName, setSale]);

  const charge = useCallback(async () => {
    if (busyRef.current) return; // one Charge at a time, whatever the keyboard repeats
    const r = linesToCharge(sale, defaultName);
    if (!r.ok) return setError(localError(r.error));
    if (!ready) return setError(localError('till.notReady'));
    busyRef.current = true;
    setBusy(true);
    setError(null);
    setSale(() => r.sale); // the typed line becomes a line: nothing lost if the charge fails
    const res = await call(() => pos.charge({ lines: r.sale.lines, cashier }));
    busyRef.current = false;
    setBusy(false);
    if (!res.ok) return setError(res);
    onCharged(res.value);
  }, [sale, defaultName, ready, cashier, setSale, onCharged]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Enter') {
        if (e.target instanceof HTMLButtonElement) return; // the button's own click handles it
        e.preventDefault();
        void charge();
        return;
      }
      // '+' adds the line from anywhere but the name field (a name may contain '+')
      if (e.key === '+' && !(e.target instanceof HTMLInputElement && e.target.dataset.testid === 'line-name')) {
        e.preventDefault();
        addLine();
        return;
      }
      if (isTextField(e.target)) return; // fields type for themselves
      const a = keyToAction(e.key);
      if (a) {
        e.preventDefault();
        keypad(a);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [charge, addLine, keypad]);

  const keypadError = sale.keypad.error;
  const total = runningTotal(sale, defaultName);

  return (
    <div className="till">
      <section className="till-lines" aria-label={t('till.lines')}>
        <table className="lines">
          <thead>
            <tr>
              <th>{t('till.name')}</th>
              <th className="num">{t('till.qty')}</th>
              <th className="num">{t('till.price')}</th>
              <th className="num">{t('till.total')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sale.lines.map((l, i) => (
              <tr key={i} data-testid="sale-line">
                <td>{l.name}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">
                  <Money fen={l.unitFen} />
                </td>
                <td className="num">
                  <Money fen={lineFen(l)} />
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setSale((s) => ({ ...s, lines: s.lines.filter((_, j) => j !== i) }))}
                  >
                    {t('till.removeLine')}
                  </button>
                </td>
              </tr>
            ))}
            {sale.lines.length === 0 ? (
              <tr>
                <td colSpan={5} className="hint">
                  {t('till.noLines')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <div className="entry">
          <label>
            {t('till.name')}
            <input
              data-testid="line-name"
              value={sale.name}
              maxLength={64}
              placeholder={defaultName}
              onChange={(e) => setSale((s) => ({ ...s, name: e.target.value }))}
            />
          </label>
          <label className="narrow">
            {t('till.qty')}
            <input
              data-testid="line-qty"
              inputMode="numeric"
              value={sale.qtyText}
              maxLength={4}
              onChange={(e) => setSale((s) => ({ ...s, qtyText: e.target.value.replace(/[^\d]/g, '') }))}
            />
          </label>
          <label>
            {t('till.price')}
            <input
              ref={priceRef}
              data-testid="line-price"
              inputMode="decimal"
              autoFocus
              value={sale.keypad.text}
              onChange={(e) => keypad({ type: 'set', text: e.target.value })}
            />
          </label>
          <button type="button" className="btn" data-testid="add-line" onClick={addLine}>
            {t('till.addLine')}
          </button>
        </div>
        {keypadError ? <ErrorLine error={localError(keypadError)} /> : null}
        <ErrorLine error={error} />
      </section>
      <section className="till-side">
        <div className="total-box">
          <span className="total-label">{t('till.total')}</span>
          <Money fen={total} className="total" testId="total" />
        </div>
        <Keypad dispatch={keypad} />
        <button type="button" className="btn btn-primary btn-huge" data-testid="charge" disabled={busy} onClick={() => void charge()}>
          {t('till.charge')}
        </button>
        {!ready ? <p className="hint">{t('till.notReady')}</p> : null}
      </section>
    </div>
  );
}
