import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/common/errors';
import { en } from '../../../src/renderer/src/i18n/en';
import { DICTIONARIES, errorWords, preflightWords, stateWords, translator } from '../../../src/renderer/src/i18n/i18n';
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN';

/** Every preflight code core can emit, read from its source so a new code without words fails here. */
function preflightCodesInCore(): string[] {
  const src = readFileSync('src/core/settings/preflight.ts', 'utf8');
  const codes = new Set<string>();
  for (const m of src.matchAll(/line\(\s*'[a-z]+'\s*,\s*(?:true|false)\s*,\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
  for (const m of src.matchAll(/\?\s*'([A-Z_]+)'\s*:\s*'([A-Z_]+)'/g)) {
    codes.add(m[1]!);
    codes.add(m[2]!);
  }
  if (src.includes('notChecked(')) codes.add('NOT_CHECKED');
  return [...codes];
}

describe('i18n dictionaries', () => {
  it('zh-CN and en have exactly the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const dict of Object.values(DICTIONARIES)) for (const [k, v] of Object.entries(dict)) expect(v.trim(), k).not.toBe('');
  });

  it('every ErrorCode has words in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(zhCN, code).toHaveProperty(`error.${code}`);
      expect(en, code).toHaveProperty(`error.${code}`);
    }
  });

  it('every preflight code core emits has words in both languages', () => {
    const codes = preflightCodesInCore();
    expect(codes).toContain('KEY_WRONG');
    expect(codes).toContain('CERT_EXPIRED');
    for (const code of codes) {
      expect(zhCN, code).toHaveProperty(`preflight.${code}`);
      expect(en, code).toHaveProperty(`preflight.${code}`);
    }
  });

  it('placeholders are the same in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(vars(en[k]), k).toEqual(vars(zhCN[k]));
  });

  it('translates with placeholders and falls back for unknown codes', () => {
    const t = translator('en');
    expect(t('pay.expiresIn', { time: '4:59' })).toBe('4:59 left');
    expect(translator('zh-CN')('pay.expiresIn', { time: '4:59' })).toBe('剩余 4:59');
    expect(preflightWords(t, 'SOMETHING_NEW')).toBe('Check result: SOMETHING_NEW');
    expect(stateWords(t, 'NOTPAY')).toBe('not paid');
    expect(stateWords(t, 'WEIRD')).toBe('WEIRD');
  });

  it('error words: plain sentence, gateway detail only where it helps, unknown codes do not crash', () => {
    const t = translator('en');
    expect(errorWords(t, 'PIN_WRONG', 'bad pin')).toEqual({ text: 'Wrong manager PIN.', detail: null });
    expect(errorWords(t, 'GATEWAY_ERROR', '余额不足').detail).toBe('Details: 余额不足');
    expect(errorWords(t, 'NOPE', 'x').text).toBe(t('error.INTERNAL'));
  });

  it('shortcut hints are on the main buttons in both languages', () => {
    for (const d of [zhCN, en]) {
      expect(d['till.charge']).toContain('[Enter]');
      expect(d['pay.cancel']).toContain('[Esc]');
      expect(d['nav.till']).toContain('[F1]');
      expect(d['nav.history']).toContain('[F2]');
      expect(d['nav.settings']).toContain('[F3]');
    }
  });
});
