// Any error shown to the user: plain words from the dictionary, data-testid="error".
import type { Err } from '../../../common/result';
import { errorWords, type MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n-context';
import { detailFitsLocale } from '../lib/error-detail';

export type UiError =
  // code: the core answer this local wording stands for (e.g. PIN_WRONG with tries left), kept in data-code
  | { readonly kind: 'local'; readonly key: MessageKey; readonly vars?: Record<string, string | number>; readonly code?: string }
  | (Err & { readonly kind?: undefined });

export function localError(key: MessageKey, vars?: Record<string, string | number>): UiError {
  return vars ? { kind: 'local', key, vars } : { kind: 'local', key };
}

export function ErrorLine({ error }: { error: UiError | null }) {
  const { t, locale } = useI18n();
  if (!error) return null;
  if (error.kind === 'local') {
    return (
      <p className="error" role="alert" data-testid="error" data-code={error.code}>
        {t(error.key, error.vars)}
      </p>
    );
  }
  const w = errorWords(t, error.code, error.message);
  return (
    <p className="error" role="alert" data-testid="error" data-code={error.code}>
      {w.text}
      {w.detail && detailFitsLocale(error.message, locale) ? <span className="error-detail"> {w.detail}</span> : null}
    </p>
  );
}
