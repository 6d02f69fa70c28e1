// The payment view: big QR of the code_url, the amount in big type, a countdown, live status from
// 'payment' events (merged in App), Cancel on Esc; Paid shows the receipt and New sale.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaymentView } from '../../../common/api';
import { call, pos } from '../bridge';
import { ErrorLine, type UiError } from '../components/ErrorLine';
import { Money } from '../components/Money';
import { PhonePanel } from '../components/PhonePanel';
import { QrCode } from '../components/QrCode';
import { ReceiptCard } from '../components/ReceiptCard';
import { useI18n } from '../i18n/i18n-context';
import { isFinal, mergePayment, showsQr } from '../lib/payment-status';
import { countdown } from '../lib/time';

interface Props {
  readonly payment: PaymentView;
  readonly setPayment: (f: (p: PaymentView | null) => PaymentView | null) => void;
  readonly sandbox: boolean;
  readonly onNewSale: () => void;
  readonly onBack: () => void;
}

/** Re-reads the payment now and then, in case an event was missed (events stay the main source). */
const RECONCILE_MS = 5_000;

export function PaymentScreen({ payment, setPayment, sandbox, onNewSale, onBack }: Props) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<UiError | null>(null);
  const cancelling = useRef(false);
  const { attemptId, status } = payment;
  const open = !isFinal(status) && status !== 'cancelled';

  useEffect(() => {
    if (!open) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [open]);

  useEffect(() => {
    if (isFinal(status)) return;
    const refresh = async (): Promise<void> => {
      const r = await call(() => pos.getPayment({ attemptId }));
      if (r.ok) setPayment((cur) => (cur ? mergePayment(cur, r.value) : cur));
    };
    void refresh();
    const timer = setInterval(() => void refresh(), RECONCILE_MS);
    return () => clearInterval(timer);
  }, [attemptId, status, setPayment]);

  const cancel = useCallback(async () => {
    if (cancelling.current) return;
    cancelling.current = true;
    const r = await call(() => pos.cancelPayment({ attemptId }));
    cancelling.current = false;
    if (!r.ok) return setError(r);
    setError(null);
    setPayment((cur) => (cur ? mergePayment(cur, r.value) : cur));
  }, [attemptId, setPayment]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        if (open) void cancel();
        else if (status !== 'paid') onBack();
      } else if (e.key === 'Enter' && !open && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        onNewSale();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, status, cancel, onBack, onNewSale]);

  const qr = showsQr(payment) && payment.codeUrl ? payment.codeUrl : null;
  return (
    <div className={`payment status-${status}`}>
      <section className="payment-main">
        <div className="pay-amount" data-testid="pay-amount">
          <Money fen={payment.totalFen} />
        </div>
        <p className="payment-status" data-testid="payment-status" data-status={status} role="status" aria-live="polite">
          {t(`pay.status.${status}`)}
        </p>
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
        <ErrorLine error={error} />
        <div className="actions">
          {open ? (
            <button type="button" className="btn btn-danger btn-big" data-testid="cancel" onClick={() => void cancel()}>
              {t('pay.cancel')}
            </button>
          ) : null}
          {!open && status !== 'paid' ? (
            <button type="button" className="btn btn-big" data-testid="back" onClick={onBack}>
              {t('pay.back')}
            </button>
          ) : null}
          {!open ? (
            <button type="button" className="btn btn-primary btn-big" data-testid="new-sale" onClick={onNewSale}>
              {t('pay.newSale')}
            </button>
          ) : null}
        </div>
      </section>
      {sandbox ? <PhonePanel attemptId={qr ? attemptId : null} /> : null}
    </div>
  );
}
