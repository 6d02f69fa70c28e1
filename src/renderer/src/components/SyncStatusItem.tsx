// Issue 16 point 3: the till's head-office sync state in the header — synced / N waiting / HQ unreachable
// since ... / revoked at HQ (issue 16.2). Shown only once the till is enrolled at HQ (a till working alone shows nothing). The state is
// read every few seconds; pushing never blocks a sale, so this is information, not an alarm.
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../common/hq-sync';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { syncWords } from '../lib/sync-words';

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
  const words = syncWords(t, status);
  if (words === null) return null;
  const look = status.state === 'synced' ? 'sync-ok' : status.state === 'waiting' ? 'sync-waiting' : 'sync-down';
  return (
    <span className={`sync-status ${look}`} data-testid="sync-status" data-state={status.state} title={status.state === 'unreachable' ? status.reason : undefined}>
      {words}
    </span>
  );
}
