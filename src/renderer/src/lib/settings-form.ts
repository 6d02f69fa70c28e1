// Settings form -> SettingsInput: only what changed, the API key only when typed, plain-word errors.
import type { SettingsInput, SettingsView, SignType } from '../../../common/api';
import { moneyInput, parseMoney } from './money';
import { API_KEY_PATTERN, APPID_PATTERN, MCH_ID_PATTERN, STORE_NAME_MAX_CHARS, TILL_ID_PATTERN } from '../../../common/settings-rules';

export interface SettingsForm {
  readonly storeName: string;
  readonly tillId: string;
  readonly appid: string;
  readonly mchId: string;
  readonly apiKey: string;
  readonly signType: SignType;
  readonly refundCap: string;
  readonly dailyRefundCap: string;
}

export type SettingsFormError =
  | 'settings.badAppid'
  | 'settings.badMchId'
  | 'settings.badKey'
  | 'settings.badTillId'
  | 'settings.badStoreName'
  | 'settings.badCap';

export function formFromView(v: SettingsView): SettingsForm {
  return {
    storeName: v.storeName,
    tillId: v.tillId,
    appid: v.appid,
    mchId: v.mchId,
    apiKey: '', // write-only: never filled from what is stored
    signType: v.signType,
    refundCap: moneyInput(v.refundCapFen),
    dailyRefundCap: moneyInput(v.dailyRefundCapFen),
  };
}

export function settingsInput(f: SettingsForm, v: SettingsView): { ok: true; input: SettingsInput } | { ok: false; error: SettingsFormError } {
  const out: { -readonly [K in keyof SettingsInput]: SettingsInput[K] } = {};
  const storeName = f.storeName.trim();
  if (storeName !== v.storeName) {
    if (storeName.length < 1 || [...storeName].length > STORE_NAME_MAX_CHARS) return { ok: false, error: 'settings.badStoreName' };
    out.storeName = storeName;
  }
  const tillId = f.tillId.trim();
  if (tillId !== v.tillId) {
    if (!TILL_ID_PATTERN.test(tillId)) return { ok: false, error: 'settings.badTillId' };
    out.tillId = tillId;
  }
  const appid = f.appid.trim();
  if (appid !== v.appid) {
    if (!APPID_PATTERN.test(appid)) return { ok: false, error: 'settings.badAppid' };
    out.appid = appid;
  }
  const mchId = f.mchId.trim();
  if (mchId !== v.mchId) {
    if (!MCH_ID_PATTERN.test(mchId)) return { ok: false, error: 'settings.badMchId' };
    out.mchId = mchId;
  }
  if (f.apiKey !== '') {
    if (!API_KEY_PATTERN.test(f.apiKey)) return { ok: false, error: 'settings.badKey' };
    out.apiKey = f.apiKey;
  }
  if (f.signType !== v.signType) out.signType = f.signType;
  const cap = parseMoney(f.refundCap);
  const daily = parseMoney(f.dailyRefundCap);
  if (cap === null || daily === null) return { ok: false, error: 'settings.badCap' };
  if (cap !== v.refundCapFen) out.refundCapFen = cap;
  if (daily !== v.dailyRefundCapFen) out.dailyRefundCapFen = daily;
  return { ok: true, input: out };
}
