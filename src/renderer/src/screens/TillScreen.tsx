// The till: item lines, the amount keypad (screen keys and keyboard), the running total, Charge on Enter.
import { useCallback, useRef, useState } from 'react';
import type { PaymentView } from '../../../common/api';
import { call, pos } from '../bridge';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { Keypad } from '../components/Keypad';
import { Money } from '../components/Money';
import { QuickPayPanel } from '../components/QuickPayPanel';
import { QuickKeys } from '../components/QuickKeys';
import { SaleActions } from '../components/SaleActions';
import { useCatalog } from '../hooks/useCatalog';
import { SaleLines } from '../components/SaleLines';
import { useSaleKeys } from '../hooks/useSaleKeys';
import { useKeymap } from '../hooks/useKeymap';
import { useI18n } from '../i18n/i18n-context';
import { keyToAction, type KeypadAction } from '../lib/keypad';
import { addPending, delMeaning, linesToCharge, runningTotal, type SaleDraft, type SaleEdit } from '../lib/sale-draft';
import { MAX_LINE_NAME_CHARS, MAX_LINE_QUANTITY } from '../../../common/sale-limits';
import { CashTender } from '../components/CashTender'; // issue 13: cash as a second tender

interface Props {
  readonly sale: SaleDraft;
  /** App owns the draft (it outlives this screen); the screen asks for edits. */
  readonly onEdit: (edit: SaleEdit) => void;
  readonly ready: boolean;
  readonly cashier: string;
  readonly onCharged: (v: PaymentView) => void;
}

export function TillScreen({ sale, onEdit, ready, cashier, onCharged }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const priceRef = useRef<HTMLInputElement>(null);
  const defaultName = t('till.defaultName');

  const keypad = useCallback((action: KeypadAction) => onEdit({ type: 'keypad', action }), [onEdit]);

  const addLine = useCallback(() => {
    const r = addPending(sale, defaultName);
    if (!r.ok) return setError(localError(r.error));
    setError(null);
    onEdit({ type: 'addTyped', defaultName });
    priceRef.current?.focus();
  }, [sale, defaultName, onEdit]);

  const charge = useCallback(async () => {
    if (busyRef.current) return; // one Charge at a time, whatever the keyboard repeats
    const r = linesToCharge(sale, defaultName);
    if (!r.ok) return setError(localError(r.error));
    if (!ready) return setError(localError('till.notReady'));
    busyRef.current = true;
    setBusy(true);
    setError(null);
    onEdit({ type: 'commitForCharge', defaultName }); // nothing lost if the charge fails
    const res = await call(() => pos.charge({ lines: r.sale.lines, cashier }));
    busyRef.current = false;
    setBusy(false);
    if (!res.ok) return setError(res);
    onCharged(res.value);
  }, [sale, defaultName, ready, cashier, onEdit, onCharged]);

  useKeymap('screen', [
    // Enter on a focused button is that button's click
    { keys: ['Enter'], when: (k) => !k.modified && k.target !== 'button', run: () => void charge() },
    // '+' adds the line from anywhere but the name field (a name may contain '+')
    { keys: ['+'], when: (k) => !k.modified && k.targetId !== 'line-name', run: addLine },
    // the keypad from the keyboard, except in fields (they type for themselves)
    {
      keys: (key) => keyToAction(key) !== null,
      when: (k) => !k.modified && k.target !== 'field',
      run: (k) => {
        const a = keyToAction(k.key);
        if (a) keypad(a);
      },
    },
  ]);

  useSaleKeys(sale, onEdit);
  const catalog = useCatalog(onEdit, setError); // issue 15.1: quick keys; catalog.addByBarcode takes scanned product codes

  const keypadError = sale.keypad.error;
  const total = runningTotal(sale, defaultName);

  return (
    <div className="till">
      <section className="till-lines" aria-label={t('till.lines')}>
        <QuickKeys catalog={catalog} />
        <SaleLines lines={sale.lines} selected={sale.selected} onRemove={(index) => onEdit({ type: 'removeLine', index })} />
        <div className="entry">
          <label>
            {t('till.name')}
            <input
              data-testid="line-name"
              value={sale.name}
              maxLength={MAX_LINE_NAME_CHARS}
              placeholder={defaultName}
              onChange={(e) => onEdit({ type: 'name', name: e.target.value })}
            />
          </label>
          <label className="narrow">
            {t('till.qty')}
            <input
              data-testid="line-qty"
              inputMode="numeric"
              value={sale.qtyText}
              maxLength={String(MAX_LINE_QUANTITY).length}
              onChange={(e) => onEdit({ type: 'qty', text: e.target.value })}
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
        {keypadError ? <ErrorLine error={localError(keypadError, { key: sale.keypad.refusedKey ?? '' })} /> : null}
        <ErrorLine error={error} />
      </section>
      <section className="till-side">
        <div className="total-box">
          <span className="total-label">{t('till.total')}</span>
          <Money fen={total} className="total" testId="total" />
        </div>
        <Keypad dispatch={keypad} onDel={() => onEdit({ type: 'del' })} delLabel={t(delMeaning(sale) === 'removeLine' ? 'till.removeSelected' : 'till.clearAmount')} />
        <button type="button" className="btn btn-primary btn-huge" data-testid="charge" disabled={busy} onClick={() => void charge()}>
          {t('till.charge')}
        </button>
        <CashTender
          lines={() => {
            const r = linesToCharge(sale, defaultName);
            if (!r.ok) return setError(localError(r.error)), null;
            return { lines: r.sale.lines, totalFen: runningTotal(r.sale, defaultName) };
          }}
          onDone={() => onEdit({ type: 'clear' })}
          onSplitCharged={(v) => (onEdit({ type: 'commitForCharge', defaultName }), onCharged(v))} // issue 13.1 split tender
        />
        {!ready ? <p className="hint">{t('till.notReady')}</p> : null}
        <SaleActions sale={sale} onEdit={onEdit} mayOverridePrice={catalog.mayOverridePrice} />
        <QuickPayPanel sale={sale} onEdit={onEdit} ready={ready} cashier={cashier} onCharged={onCharged} onProduct={catalog.addByBarcode} />
      </section>
    </div>
  );
}
