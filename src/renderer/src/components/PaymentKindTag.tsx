// How a payment was taken (issue 12 point 6): Native QR or quick pay (付款码), on the payment screen,
// the receipt and each history row.
import { useI18n } from '../i18n/i18n-context';

export type PaymentKindShown = 'NATIVE' | 'MICROPAY';

export function PaymentKindTag({ kind }: { kind: PaymentKindShown }) {
  const { t } = useI18n();
  return (
    <span className={`pay-kind pay-kind-${kind.toLowerCase()}`} data-testid="payment-kind" data-kind={kind}>
      {t(`pay.kind.${kind}`)}
    </span>
  );
}
