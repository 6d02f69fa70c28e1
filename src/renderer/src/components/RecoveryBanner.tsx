// Start-up recovery: while earlier payments/refunds are being resolved no new sale is taken; once
// finished, what happened to each stays on screen until the cashier acknowledges it.
import type { RecoveryProgress } from '../../../common/api';
import { stateWords } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n-context';
import { Money } from './Money';

export function RecoveryBanner({ progress, onDismiss }: { progress: RecoveryProgress; onDismiss: () => void }) {
  const { t } = useI18n();
  const vars = { n: progress.total, done: progress.done };
  return (
    <div className={`banner ${progress.finished ? 'banner-info' : 'banner-warn'}`} data-testid="recovery-banner" data-finished={String(progress.finished)} role="status">
      <p>{progress.finished ? t('recovery.finished', vars) : t('recovery.running', vars)}</p>
      <ul className="recovery-items">
        {progress.items.map((i) => (
          <li key={i.id} data-testid="recovery-item" data-state={i.state}>
            {t(i.kind === 'payment' ? 'recovery.payment' : 'recovery.refund')} <span className="mono">{i.outNo}</span> <Money fen={i.amountFen} /> —{' '}
            {stateWords(t, i.state)}
          </li>
        ))}
      </ul>
      {progress.finished ? (
        <button type="button" className="btn btn-small" data-testid="recovery-dismiss" onClick={onDismiss}>
          {t('recovery.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
