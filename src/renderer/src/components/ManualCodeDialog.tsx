// Manual entry of a payment code (issue 12 point 1): the customer reads the 18 digits out; Enter
// charges, Esc closes. A code that is not a payment code stays in the field with the reason under it.
import { useState } from 'react';
import { money } from '../lib/money';
import { useKeymap } from '../hooks/useKeymap';
import { useI18n } from '../i18n/i18n-context';
import { ErrorLine, type UiError } from './ErrorLine';

/** Room for 18 digits read out in groups with spaces. */
const MAX_TYPED_CHARS = 32;

interface Props {
  readonly totalFen: number;
  readonly error: UiError | null;
  /** Tries to charge the code; the panel says why not (error) or closes the dialog. */
  readonly onSubmit: (text: string) => void;
  readonly onClose: () => void;
}

export function ManualCodeDialog({ totalFen, error, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  useKeymap('modal', [
    { keys: ['Escape'], run: onClose },
    { keys: ['Enter'], when: (k) => !k.modified && k.target !== 'button', run: () => onSubmit(text) },
  ]);
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="quick-code-title"
        data-testid="quick-code-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(text);
        }}
      >
        <h2 id="quick-code-title">{t('quick.title')}</h2>
        <p className="hint">{t('quick.hint')}</p>
        <label>
          {t('quick.code')}
          <input
            data-testid="quick-code-input"
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            maxLength={MAX_TYPED_CHARS}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <ErrorLine error={error} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="quick-code-submit">
            {t('quick.submit', { amount: money(totalFen) })}
          </button>
          <button type="button" className="btn" data-testid="quick-code-close" onClick={onClose}>
            {t('quick.close')}
          </button>
        </div>
      </form>
    </div>
  );
}
