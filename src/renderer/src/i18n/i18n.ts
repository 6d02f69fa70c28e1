// Runtime translation: a dictionary per locale, {name} placeholders, and words for every error code
// and preflight code. Pure: the React context lives in i18n-context.tsx.
import type { Locale } from '../../../common/api';
import type { ErrorCode } from '../../../common/errors';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };
export const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dict = DICTIONARIES[locale];
  return (key, vars) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** Gateway's or core's own words are worth showing for these codes (they never carry secrets). */
const DETAIL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'GATEWAY_ERROR',
  'CONFIG_ERROR',
  'CERT_ERROR',
  'INVALID_PAYLOAD',
  'REFUND_CAP_EXCEEDED',
  'PIN_LOCKED',
  'INVALID_AMOUNT',
]);

/** Plain words for an error value: the translated sentence, plus core's detail where it helps. */
export function errorWords(t: Translate, code: string, message: string): { text: string; detail: string | null } {
  const key = `error.${code}`;
  const text = isMessageKey(key) ? t(key) : t('error.INTERNAL');
  const detail = DETAIL_CODES.has(code as ErrorCode) && message ? t('error.detail', { message }) : null;
  return { text, detail };
}

/** Preflight line words by code; an unknown code still says something. */
export function preflightWords(t: Translate, code: string): string {
  const key = `preflight.${code}`;
  return isMessageKey(key) ? t(key) : t('preflight.unknown', { code });
}

/** A recovery item's raw state in words, falling back to the raw state. */
export function stateWords(t: Translate, state: string): string {
  const key = `state.${state}`;
  return isMessageKey(key) ? t(key) : state;
}
