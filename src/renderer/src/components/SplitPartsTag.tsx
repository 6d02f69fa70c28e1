// Issue 13.1 split tender: how a split sale was paid, in one line (History row, receipt, detail).
import type { SplitPartsView } from '../../../common/split-tender';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';

export function SplitPartsTag({ split }: { readonly split: SplitPartsView | null | undefined }) {
  const { t } = useI18n();
  if (!split) return null;
  return (
    <span className="kind-tag split-tag" data-testid="split-parts">
      {t('history.tender.split', { cash: money(split.cashFen), wechat: money(split.wechatFen) })}
    </span>
  );
}
