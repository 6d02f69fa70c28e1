import type { Receipt } from '../../../common/api';
import { useI18n } from '../i18n/i18n-context';
import { lineFen } from '../lib/sale';
import { storeNameShown } from '../lib/shell-words'; // issue 15.6
import { dateTime } from '../lib/time';
import { Money } from './Money';
import { PaymentKindTag } from './PaymentKindTag';
import { SplitPartsTag } from './SplitPartsTag'; // issue 13.1 split tender

export function ReceiptCard({ receipt }: { receipt: Receipt }) {
  const { t } = useI18n();
  return (
    <article className="receipt" data-testid="receipt" data-sale-id={receipt.saleId} data-mode={receipt.mode}>
      {receipt.mode === 'SANDBOX' ? (
        // First thing on the receipt, so a simulated payment can never be shown as a real one.
        <p className="mode-badge mode-sandbox" data-testid="receipt-sandbox" role="note">
          {t('receipt.sandboxStamp')}
        </p>
      ) : null}
      <h2>
        {t('receipt.title')} · <span data-testid="receipt-store">{storeNameShown(receipt.storeName, t)}</span>
      </h2>
      {receipt.paidAfterCancel ? (
        <p className="flag" data-testid="receipt-flag">
          {t('receipt.paidAfterCancel')}
        </p>
      ) : null}
      <table className="lines">
        <tbody>
          {receipt.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.name}</td>
              <td className="num">
                {l.quantity} × <Money fen={l.unitFen} />
              </td>
              <td className="num">
                <Money fen={lineFen(l)} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={2}>{t('receipt.total')}</th>
            <td className="num strong">
              <Money fen={receipt.split ? receipt.split.saleTotalFen : receipt.totalFen} testId="receipt-total" />
            </td>
          </tr>
          {receipt.split ? (
            <tr>
              <td colSpan={3}>
                <SplitPartsTag split={receipt.split} />
              </td>
            </tr>
          ) : null}
          {receipt.refundedFen > 0 ? (
            <tr>
              <th colSpan={2}>{t('receipt.refunded')}</th>
              <td className="num">
                <Money fen={receipt.refundedFen} testId="receipt-refunded" />
              </td>
            </tr>
          ) : null}
        </tfoot>
      </table>
      <dl className="facts">
        <dt>{t('history.col.status')}</dt>
        <dd data-testid="receipt-status" data-status={receipt.status}>
          {t(`receipt.status.${receipt.status}`)}
        </dd>
        <dt>{t('receipt.transactionId')}</dt>
        <dd className="mono" data-testid="receipt-transaction-id">
          {receipt.transactionId}
        </dd>
        <dt>{t('receipt.outTradeNo')}</dt>
        <dd className="mono" data-testid="receipt-out-trade-no">
          {receipt.outTradeNo}
        </dd>
        <dt>{t('receipt.time')}</dt>
        <dd>{dateTime(receipt.paidAt)}</dd>
        <dt>{t('receipt.kind')}</dt>
        <dd>
          <PaymentKindTag kind={receipt.kind} testId="receipt-kind" />
        </dd>
        <dt>{t('receipt.till')}</dt>
        <dd>{receipt.tillId}</dd>
      </dl>
    </article>
  );
}
