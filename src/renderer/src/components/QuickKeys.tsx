// The till's quick keys (issue 15.1): one touch-sized key per catalog product with a grid place. A "3*"
// typed first makes it three of them (lib/sale-draft addItem). Amount-only sales do not need them.
import { useI18n } from '../i18n/i18n-context';
import type { TillCatalog } from '../hooks/useCatalog';
import { Money } from './Money';

export function QuickKeys({ catalog }: { catalog: TillCatalog }) {
  const { t } = useI18n();
  if (catalog.quickKeys.length === 0) return null;
  return (
    <div className="quick-keys" role="group" aria-label={t('catalog.quickKeys')} data-testid="quick-keys">
      {catalog.quickKeys.map((p) => (
        <button key={p.productId} type="button" className="quick-key" data-testid="quick-key" tabIndex={-1} onClick={() => catalog.add(p)}>
          <span className="quick-key-name">{p.name}</span>
          <Money fen={p.priceFen} />
        </button>
      ))}
    </div>
  );
}
