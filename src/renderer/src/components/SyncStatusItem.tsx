// Issue 16 point 3: the till's head-office sync state in the header — synced / N waiting / HQ unreachable
// since ... / revoked at HQ (issue 16.2). Shown only once the till is enrolled at HQ (a till working alone shows nothing). The state is
// read every few seconds; pushing never blocks a sale, so this is information, not an alarm.
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../common/hq-sync';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { dateTime } from '../lib/time';

export const SYNC_POLL_MS = 5_000;

export function SyncStatusItem() {
  const { t } = useI18n();
  const [status, setStatus] = useState<SyncStatus>({ state: 'off' });
  useEffect(() => {
    let live = true;
    const read = async (): Promise<void> => {
      const r = await call(() => pos.getSyncStatus());
      if (live && r.ok) setStatus(r.value);
    };
    void read();
    const timer = setInterval(() => void read(), SYNC_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  switch (status.state) {
    case 'off':
      return null;
    case 'synced':
      return <span className="sync-status sync-ok" data-testid="sync-status" data-state="synced">{t('sync.synced')}</span>;
    case 'waiting':
      return <span className="sync-status sync-waiting" data-testid="sync-status" data-state="waiting">{t('sync.waiting', { n: status.waiting })}</span>;
    case 'unreachable':
      return (
        <span className="sync-status sync-down" data-testid="sync-status" data-state="unreachable" title={status.reason}>
          {t('sync.unreachable', { since: dateTime(status.since), n: status.waiting })}
        </span>
      );
    // --- issue 16.2 (i16-enrol): HQ no longer accepts this till
    case 'revoked':
      return (
        <span className="sync-status sync-down" data-testid="sync-status" data-state="revoked" title={status.reason}>
          {t('sync.revoked', { n: status.waiting })}
        </span>
      );
    default: {
      const never: never = status;
      return never;
    }
  }
}
