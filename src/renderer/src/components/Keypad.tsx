import type { KeypadAction } from '../lib/keypad';
import { useI18n } from '../i18n/i18n-context';

const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '.'] as const;

export function Keypad({ dispatch }: { dispatch: (a: KeypadAction) => void }) {
  const { t } = useI18n();
  return (
    <div className="keypad" role="group">
      {KEYS.map((k) => (
        <button
          key={k}
          type="button"
          className="key"
          data-testid={`key-${k === '.' ? 'dot' : k}`}
          onClick={() => dispatch(k === '.' ? { type: 'dot' } : { type: 'digit', digit: k })}
        >
          {k}
        </button>
      ))}
      <button type="button" className="key key-fn" data-testid="key-backspace" aria-label={t('keypad.backspace')} onClick={() => dispatch({ type: 'backspace' })}>
        ⌫
      </button>
      <button type="button" className="key key-fn key-wide" data-testid="key-clear" onClick={() => dispatch({ type: 'clear' })}>
        {t('keypad.clear')} [Del]
      </button>
    </div>
  );
}
