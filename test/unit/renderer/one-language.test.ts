// Issue 15.6: one language at a time. The English dictionary carries no Chinese, the Chinese one no
// English words, except names that are the same in both (key caps, WeChat's own field names, file
// formats) and the language switch, which names the other language in its own script.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/src/i18n/en';
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN';

/** Words that are not English in a Chinese sentence: keys on the keyboard, WeChat Pay's field names, formats. */
const SAME_IN_BOTH = new Set([
  'Enter', 'Esc', 'Del', 'Ctrl', 'Tab', 'API', 'CA', 'ESC', 'POS', // ESC/POS: the printers' command set, named so in Chinese too
  'AppID', 'mch_id', 'apiclient_cert', 'PEM', 'PIN', 'Windows', 'CSV', 'EAN', 'UPC',
  'wx', 'name', 'price', 'barcode', 'category', 'quick_key', // appid prefix; CSV column names, as the file has them
  'ESC', 'POS', // the printers' command set (ESC/POS), named so on Chinese printers too
]);
/** The language switch and its question name the other language. */
const NAMES_THE_OTHER_LANGUAGE = new Set(['nav.locale', 'locale.confirmTitle']);

describe('one language at a time (issue 15.6)', () => {
  it('no Chinese in the English texts', () => {
    const mixed = Object.entries(en).filter(([k, v]) => !NAMES_THE_OTHER_LANGUAGE.has(k) && /[\u3400-\u9fff]/.test(v));
    expect(mixed).toEqual([]);
  });

  it('no English words in the Chinese texts', () => {
    const mixed = Object.entries(zhCN).flatMap(([k, v]) => {
      if (NAMES_THE_OTHER_LANGUAGE.has(k)) return [];
      // A command to type ("wxpay-pos setup-code …") and a file name (docs/security.md) are the same in both.
      const prose = v.replace(/\{\w+\}/g, '').replace(/"[^"]*"/g, '').replace(/\S+\.md\b/g, '');
      const words = (prose.match(/[A-Za-z][A-Za-z_]+/g) ?? []).filter((w) => !SAME_IN_BOTH.has(w));
      return words.length > 0 ? [[k, words.join(' ')]] : [];
    });
    expect(mixed).toEqual([]);
  });

  it('the Charge and Cancel buttons say it once, in the chosen language', () => {
    expect(en['till.charge']).toBe('Charge [Enter]');
    expect(zhCN['till.charge']).toBe('收款 [Enter]');
    expect(en['pay.cancel']).toBe('Cancel [Esc]');
  });
});
