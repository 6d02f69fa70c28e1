import { createContext, useContext } from 'react';
import type { Locale } from '../../../common/api';
import { DEFAULT_LOCALE, translator, type Translate } from './i18n';

export interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
}

export const I18nContext = createContext<I18n>({ locale: DEFAULT_LOCALE, t: translator(DEFAULT_LOCALE) });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
