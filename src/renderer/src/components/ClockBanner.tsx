// Issue 10 point 6: the till's clock is more than a minute off the gateway's. Blocking: charge is
// refused in core until the clock is set; this says by how much and what to do.
import type { ClockStatus } from '../../../common/api';
import { useI18n } from '../i18n/i18n-context';

export function ClockBanner({ status }: { status: ClockStatus | null }) {
  const { t } = useI18n();
  if (!status?.wrong) return null;
  const secs = Math.round(Math.abs(status.offsetMs) / 1000);
  const dir = t(status.offsetMs > 0 ? 'banner.clockAhead' : 'banner.clockBehind');
  return (
    <div className="banner banner-block" data-testid="clock-banner" data-offset-ms={status.offsetMs} role="alert">
      {t('banner.clockWrong', { secs, dir })}
    </div>
  );
}
