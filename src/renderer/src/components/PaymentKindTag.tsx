// How a payment was taken (issue 12 point 6): Native QR or quick pay (付款码), on the payment screen,
// the receipt and each history row; issue 13.1: a cash sale's tender (CASH) on its receipt and row.
import type { ReceiptKind } from '../../../common/api';
import { useI18n } from '../i18n/i18n-context';

export function PaymentKindTag({ kind, testId = 'payment-kind' }: { kind: ReceiptKind; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`pay-kind pay-kind-${kind.toLowerCase()}`} data-testid={testId} data-kind={kind}>
      {t(`pay.kind.${kind}`)}
    </span>
  );
}
