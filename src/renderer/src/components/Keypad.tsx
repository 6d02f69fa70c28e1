import type { KeypadAction } from '../lib/keypad';
import { useI18n } from '../i18n/i18n-context';

const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '.', '*'] as const;

/** `onDel`/`delLabel`: what Del does on this screen (issue 15.2: the button says what the key clears). */
export function Keypad({ dispatch, onDel, delLabel }: { dispatch: (a: KeypadAction) => void; onDel?: () => void; delLabel?: string }) {
  const { t } = useI18n();
  return (
    <div className="keypad" role="group">
      {KEYS.map((k) => (
        <button
          key={k}
          type="button"
          className="key"
          data-testid={`key-${k === '.' ? 'dot' : k === '*' ? 'times' : k}`}
          onClick={() => dispatch(k === '.' ? { type: 'dot' } : k === '*' ? { type: 'times' } : { type: 'digit', digit: k })}
        >
          {k === '*' ? '×' : k}
        </button>
      ))}
      <button type="button" className="key key-fn" data-testid="key-backspace" aria-label={t('keypad.backspace')} onClick={() => dispatch({ type: 'backspace' })}>
        ⌫
      </button>
      <button type="button" className="key key-fn key-wide" data-testid="key-clear" onClick={() => (onDel ? onDel() : dispatch({ type: 'clear' }))}>
        {delLabel ?? `${t('keypad.clear')} [Del]`}
      </button>
    </div>
  );
}
