// Alerts from the engine, e.g. a sale the customer paid after the cashier cancelled it: offers to open
// the receipt (to refund it) and can be dismissed.
import { useState } from 'react';
import type { Alert } from '../../../common/api';
import { REFUND_REASON_MAX_CHARS } from '../../../common/text-limits';
import { SECURITY_ALERT_KINDS } from '../../../common/staff';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';
import { dateTime } from '../lib/time';

export function AlertsBanner({
  alerts,
  onOpen,
  onDismiss,
}: {
  alerts: readonly Alert[];
  onOpen: (saleId: string) => void;
  /** issue 11 point 6: security alerts are dismissed by a manager with a reason (core checks both). */
  onDismiss: (alertId: string, reason: string) => void;
}) {
  const { t } = useI18n();
  const [reasons, setReasons] = useState<Record<string, string>>({});
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
            {SECURITY_ALERT_KINDS.has(a.kind) ? (
              <label>
                {t('staff.dismissReason')}
                <input
                  data-testid="alert-reason"
                  maxLength={REFUND_REASON_MAX_CHARS}
                  value={reasons[a.alertId] ?? t('staff.dismissDefault')}
                  onChange={(e) => setReasons((m) => ({ ...m, [a.alertId]: e.target.value }))}
                />
              </label>
            ) : null}
            <button type="button" className="btn btn-small" data-testid="alert-dismiss" onClick={() => onDismiss(a.alertId, reasons[a.alertId] ?? t('staff.dismissDefault'))}>
              {t('alert.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
