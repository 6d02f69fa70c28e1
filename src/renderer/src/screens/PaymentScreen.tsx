// The payment view: big QR of the code_url, the amount in big type, a countdown, live status from
// the payment store (core's 'payment' events, held in App), Cancel on Esc; Paid shows the receipt and New sale.
import { useCallback, useEffect, useState } from 'react';
import type { PaymentView } from '../../../common/api';
import type { Result } from '../../../common/result';
import { ErrorLine, type UiError } from '../components/ErrorLine';
import { Money } from '../components/Money';
import { PaymentKindTag } from '../components/PaymentKindTag';
import { PaymentScanGuard } from '../components/PaymentScanGuard';
import { SandboxPasswordPanel } from '../components/SandboxPasswordPanel';
import { PhonePanel } from '../components/PhonePanel';
import { QrCode } from '../components/QrCode';
import { ReceiptCard } from '../components/ReceiptCard';
import { ReprintButton } from '../components/ReprintButton'; // issue 14
import { SplitCashNote } from '../components/SplitCashNote'; // issue 13.1 split tender
import { useKeymap } from '../hooks/useKeymap';
import { useI18n } from '../i18n/i18n-context';
import { paymentNotice } from '../lib/payment-notice';
import { quickPayNotice } from '../lib/quick-pay-notice';
import { isFinal, showsQr } from '../lib/payment-status';
import { countdown } from '../lib/time';

interface Props {
  /** Live from the payment store (App's usePayment). */
  readonly payment: PaymentView;
  /** Asks core to cancel; the store shows the outcome. */
  readonly onCancel: () => Promise<Result<PaymentView>>;
  readonly sandbox: boolean;
  /** Starts the next sale clean; a digit typed here is its first key (issue 15.2). */
  readonly onNewSale: (firstDigit?: string) => void;
  /** Back to the lines of this unpaid charge: only on the cashier's explicit choice (issue 15.2). */
  readonly onBack: () => void;
}

export function PaymentScreen({ payment, onCancel, sandbox, onNewSale, onBack }: Props) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<UiError | null>(null);
  const { attemptId, status } = payment;
  const open = !isFinal(status) && status !== 'cancelled';

  useEffect(() => {
    if (!open) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [open]);

  const cancel = useCallback(async () => {
    const r = await onCancel();
    setError(r.ok ? null : r);
  }, [onCancel]);

  useKeymap('screen', [
    {
      keys: ['Escape'],
      run: () => {
        if (open) void cancel();
        else onNewSale(); // issue 15.2: never back to the old lines by accident
      },
    },
    // Enter on a focused button is that button's click
    { keys: ['Enter'], when: (k) => !open && k.target !== 'button', run: () => onNewSale() },
    { keys: (key) => /^\d$/.test(key), when: (k) => !open && !k.modified, run: (k) => onNewSale(k.key) },
    { keys: ['r', 'R'], when: (k) => !open && !k.modified && status !== 'paid', run: onBack },
  ]);

  const qr = showsQr(payment) && payment.codeUrl ? payment.codeUrl : null;
  const quick = payment.kind === 'MICROPAY'; // issue 12: quick pay says its states in its own words
  const notice = quick ? quickPayNotice(payment) : { ...paymentNotice(payment), large: false };
  return (
    <div className={`payment status-${status}`}>
      <section className="payment-main">
        <div className="pay-amount" data-testid="pay-amount">
          <Money fen={payment.totalFen} />
        </div>
        <PaymentKindTag kind={payment.kind} />
        <p
          className={`payment-status${notice.warn ? ' banner-alert' : ''}${notice.large ? ' payment-status-large' : ''}`}
          data-testid="payment-status"
          data-large={notice.large ? 'true' : undefined}
          data-status={status}
          data-connection={payment.connection.ok ? 'ok' : payment.connection.trouble}
          role="status"
          aria-live="polite"
        >
          {t(notice.key, notice.params)}
        </p>
        <SplitCashNote split={payment.split} />
        {quick && status === 'paying' ? <p className="hint">{t('pay.quick.payingHint')}</p> : null}
        {notice.watching ? (
          <p className="watching muted" data-testid="payment-watching">
            {t('pay.watching')}
          </p>
        ) : null}
        {status === 'failed' && payment.reason ? (
          <p className="gateway-reason" data-testid="payment-reason">
            {t('pay.reason', { reason: payment.reason })}
          </p>
        ) : null}
        {qr ? (
          <div className="qr-frame">
            <QrCode text={qr} label={t('pay.scan')} />
            <p className="scan-hint">{t('pay.scan')}</p>
          </div>
        ) : null}
        {open && payment.expiresAt !== null ? (
          <p className="countdown" data-testid="countdown">
            {t('pay.expiresIn', { time: countdown(payment.expiresAt, now) })}
          </p>
        ) : null}
        {status === 'paid' && payment.receipt ? <ReceiptCard receipt={payment.receipt} /> : null}
        {!open && status !== 'paid' ? <p className="hint recall-hint">{t('pay.recallHint')}</p> : null}
        {status === 'paid' && payment.receipt ? <ReprintButton saleId={payment.receipt.saleId} /> : null}
        <ErrorLine error={error} />
        <PaymentScanGuard open={open} quick={quick} />
        <div className="actions">
          {open ? (
            <button type="button" className="btn btn-danger btn-big" data-testid="cancel" onClick={() => void cancel()}>
              {t('pay.cancel')}
            </button>
          ) : null}
          {!open && status !== 'paid' ? (
            <button type="button" className="btn btn-big" data-testid="back" onClick={onBack}>
              {t('pay.recall')}
            </button>
          ) : null}
          {!open ? (
            <button type="button" className="btn btn-primary btn-big" data-testid="new-sale" onClick={() => onNewSale()}>
              {t('pay.newSale')}
            </button>
          ) : null}
        </div>
      </section>
      {sandbox && !quick ? <PhonePanel attemptId={qr ? attemptId : null} /> : null}
      {sandbox && quick ? <SandboxPasswordPanel attemptId={status === 'paying' ? attemptId : null} /> : null}
    </div>
  );
}
