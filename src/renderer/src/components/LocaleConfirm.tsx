// F9 asks before switching the language (issue 15.2): one stray key must not flip the till mid-shift.
import { useEffect, useRef } from 'react';
import { useKeymap } from '../hooks/useKeymap';
import { useI18n } from '../i18n/i18n-context';

export function LocaleConfirm({ onConfirm, onClose }: { onConfirm: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  useKeymap('modal', [
    { keys: ['Escape', 'F9'], run: onClose },
    // Enter on a focused button is that button's click
    { keys: ['Enter'], when: (k) => k.target !== 'button', run: onConfirm },
  ]);
  return (
    <div className="confirm-dialog" role="dialog" aria-modal="true" data-testid="locale-confirm">
      <div>
        <p>{t('locale.confirmTitle')}</p>
        <div className="actions">
          <button ref={keep} type="button" className="btn" data-testid="locale-keep" onClick={onClose}>
            {t('locale.keep')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="locale-confirm-yes" onClick={onConfirm}>
            {t('locale.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
