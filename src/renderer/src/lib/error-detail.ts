// Issue 15.5/15.6: one language at a time, error details included. Core's own detail lines are English;
// WeChat's err_code_des is Chinese. A detail is shown only in the UI of its own language (the translated
// sentence for the code is always shown, so nothing is left unexplained).
import type { Locale } from '../../../common/api';

const CJK = /[\u3400-\u9fff]/;

export function detailFitsLocale(detail: string, locale: Locale): boolean {
  switch (locale) {
    case 'zh-CN':
      return CJK.test(detail);
    case 'en':
      return !CJK.test(detail);
    default: {
      const never: never = locale;
      return never;
    }
  }
}
