// Quick pay on the till (issue 12 point 1): a scanner burst anywhere on the till screen, or a code typed
// in the manual dialog, charges the current sale by WeChat payment code. What is not a payment code is
// never sent and the cashier reads why; a product barcode goes to `onProduct` when the till has a
// catalog (issue 15), else it is refused the same way. One quick pay at a time.
import { useCallback, useRef, useState } from 'react';
import type { PaymentView } from '../../../common/api';
import { call, pos } from '../bridge';
import { useKeymap } from '../hooks/useKeymap';
import { useScanner } from '../hooks/useScanner';
import { useI18n } from '../i18n/i18n-context';
import { classifyCode, type CodeClass, type ProductFormat } from '../lib/scanner';
import { refusalOf } from '../lib/scanner-words';
import { linesToCharge, runningTotal, type SaleDraft, type SaleEdit } from '../lib/sale-draft';
import { ErrorLine, localError, type UiError } from './ErrorLine';
import { ManualCodeDialog } from './ManualCodeDialog';
import { SandboxCodePanel } from './SandboxCodePanel';
import { splitRestDue } from '../lib/split-rest'; // issue 13.1 split tender

interface Props {
  readonly sale: SaleDraft;
  readonly onEdit: (edit: SaleEdit) => void;
  readonly ready: boolean;
  readonly cashier: string;
  readonly onCharged: (v: PaymentView) => void;
  /** A product barcode was scanned (issue 15 wires it to the catalog); absent: refused as not a payment code. */
  readonly onProduct?: (code: string, format: ProductFormat) => void;
}

export function QuickPayPanel({ sale, onEdit, ready, cashier, onCharged, onProduct }: Props) {
  const { t } = useI18n();
  const defaultName = t('till.defaultName');
  const [error, setError] = useState<UiError | null>(null);
  const [dialog, setDialog] = useState(false);
  const [dialogError, setDialogError] = useState<UiError | null>(null);
  const busy = useRef(false);
  const [sending, setSending] = useState(false);
  const saleRef = useRef(sale);
  saleRef.current = sale;

  /** Charges `draft` (the sale as it was before the burst) with the code; false when refused. */
  const pay = useCallback(
    async (code: CodeClass, draft: SaleDraft, show: (e: UiError | null) => void): Promise<boolean> => {
      const refuse = (e: UiError): false => {
        show(e);
        return false;
      };
      if (code.kind === 'product' && onProduct) {
        onProduct(code.code, code.format);
        return true;
      }
      const refusal = refusalOf(code);
      if (refusal) return refuse(localError(refusal.key, refusal.vars));
      if (code.kind !== 'payment') return false;
      if (busy.current) return refuse(localError('scan.busy'));
      const r = linesToCharge(draft, defaultName);
      if (!r.ok) return refuse(localError(r.error === 'till.nothingToCharge' ? 'scan.nothingToCharge' : r.error));
      if (!ready) return refuse(localError('till.notReady'));
      busy.current = true;
      setSending(true);
      show(null);
      onEdit({ type: 'commitForCharge', defaultName }); // nothing lost if the charge fails
      // issue 13.1: while a split's rest is due (cash panel), the code pays the rest only
      const rest = splitRestDue();
      const res = await call(() =>
        rest ? pos.splitQuickPay({ lines: r.sale.lines, authCode: code.code, ...rest }) : pos.quickPay({ lines: r.sale.lines, cashier, authCode: code.code }),
      );
      busy.current = false;
      setSending(false);
      if (!res.ok) return refuse(res);
      onCharged(res.value);
      return true;
    },
    [defaultName, ready, cashier, onEdit, onCharged, onProduct],
  );

  useScanner<SaleDraft>({
    enabled: !dialog,
    capture: () => saleRef.current,
    restore: (before) => {
      // the burst's keys went into whatever had focus: put name, quantity and amount back
      onEdit({ type: 'name', name: before.name });
      onEdit({ type: 'qty', text: before.qtyText });
      onEdit({ type: 'keypad', action: { type: 'set', text: before.keypad.text } });
    },
    onScan: (scan) => void pay(scan.code, scan.before, setError),
  });

  // While the quick pay is being sent, Enter must not start a Native charge of the same sale.
  useKeymap('modal', [{ keys: ['Enter'], when: () => busy.current, run: () => setError(localError('scan.busy')) }]);

  const submitTyped = useCallback(
    (text: string) => {
      void pay(classifyCode(text), saleRef.current, setDialogError).then((done) => {
        if (done) setDialog(false);
      });
    },
    [pay],
  );

  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="quick-code-open"
        onClick={() => {
          setDialogError(null);
          setDialog(true);
        }}
      >
        {t('quick.manual')}
      </button>
      {sending ? (
        <p className="hint" data-testid="quick-sending" role="status">
          {t('pay.quick.creating')}
        </p>
      ) : null}
      <ErrorLine error={error} />
      <SandboxCodePanel onCode={(authCode) => void pay(classifyCode(authCode), saleRef.current, setError)} />
      {dialog ? (
        <ManualCodeDialog
          totalFen={runningTotal(sale, defaultName)}
          error={dialogError}
          onSubmit={submitTyped}
          onClose={() => setDialog(false)}
        />
      ) : null}
    </>
  );
}
