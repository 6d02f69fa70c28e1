// Issue 15.6: no English error detail inside the Chinese UI, and no Chinese one inside the English UI.
import { describe, expect, it } from 'vitest';
import { detailFitsLocale } from '../../../src/renderer/src/lib/error-detail';

describe('error details follow the language', () => {
  it('shows a detail only in the UI of its own script', () => {
    expect(detailFitsLocale('签名错误', 'zh-CN')).toBe(true);
    expect(detailFitsLocale('invalid cursor', 'zh-CN')).toBe(false);
    expect(detailFitsLocale('invalid cursor', 'en')).toBe(true);
    expect(detailFitsLocale('签名错误', 'en')).toBe(false);
  });
});
