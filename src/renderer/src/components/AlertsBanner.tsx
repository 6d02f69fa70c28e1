// Alerts from the engine, e.g. a sale the customer paid after the cashier cancelled it: offers to open
// the receipt (to refund it) and can be dismissed.
import type { Alert } from '../../../common/api';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';
import { dateTime } from '../lib/time';

export function AlertsBanner({ alerts, onOpen, onDismiss }: { alerts: readonly Alert[]; onOpen: (saleId: string) => void; onDismiss: (alertId: string) => void }) {
  const { t } = useI18n();
  if (alerts.length === 0) return null;
  return (
    <div className="alerts">
      {alerts.map((a) => (
        <div key={a.alertId} className="banner banner-alert" role="alert" data-testid="alert" data-kind={a.kind}>
          <p>
            {t(`alert.${a.kind}`, { amount: money(a.amountFen) })} <span className="muted">{dateTime(a.createdAt)}</span>
          </p>
          <div className="banner-actions">
            {a.saleId ? (
              <button type="button" className="btn btn-small" data-testid="alert-open" onClick={() => a.saleId && onOpen(a.saleId)}>
                {t('alert.openReceipt')}
              </button>
            ) : null}
            <button type="button" className="btn btn-small" data-testid="alert-dismiss" onClick={() => onDismiss(a.alertId)}>
              {t('alert.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
