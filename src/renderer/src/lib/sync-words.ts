// Issue 16: the head-office sync state in words, the same in the header and in Settings' Head office card.
// null for 'off' (the caller decides what a till working alone shows).
import type { SyncStatus } from '../../../common/hq-sync';
import type { Translate } from '../i18n/i18n';
import { dateTime } from './time';

export function syncWords(t: Translate, status: SyncStatus): string | null {
  switch (status.state) {
    case 'off':
      return null;
    case 'synced':
      return t('sync.synced');
    case 'waiting':
      return t('sync.waiting', { n: status.waiting });
    case 'unreachable':
      return t('sync.unreachable', { since: dateTime(status.since), n: status.waiting });
    case 'revoked':
      return t('sync.revoked', { n: status.waiting });
    default: {
      const never: never = status;
      return never;
    }
  }
}
