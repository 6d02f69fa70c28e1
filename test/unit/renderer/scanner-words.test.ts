// Bad input is never sent and is explained (issue 12): every non-payment code has words, in both
// languages, that say what it is and that nothing was charged.
import { describe, expect, it } from 'vitest';
import { classifyCode } from '../../../src/renderer/src/lib/scanner';
import { refusalOf } from '../../../src/renderer/src/lib/scanner-words';
import { translator } from '../../../src/renderer/src/i18n/i18n';

describe('refusalOf', () => {
  it('says nothing against a payment code', () => {
    expect(refusalOf(classifyCode('134567890123456789'))).toBeNull();
  });

  it('explains product barcodes, 17 digits, letters, foreign 18-digit codes and misreads', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    const cases: [string, string, string][] = [
      ['6901234567892', 'product barcode (6901234567892)', '商品条码（6901234567892）'],
      ['13456789012345678', 'it has 17 characters', '共 17 位'],
      ['13456789012345678A', 'only digits', '只有数字'],
      ['281234567890123456', '18 digits starting 10 to 15', '以 10–15 开头的 18 位数字'],
      ['6901234567893', '13 digits, wrong check digit', '校验位不对'],
      ['', 'payment code first', '请先输入'],
    ];
    for (const [text, enPart, zhPart] of cases) {
      const r = refusalOf(classifyCode(text));
      expect(r, text).not.toBeNull();
      expect(en(r!.key, r!.vars), text).toContain(enPart);
      expect(zh(r!.key, r!.vars), text).toContain(zhPart);
      if (text !== '') expect(en(r!.key, r!.vars), text).toContain('Nothing was charged');
    }
  });
});
