// The catalog's bridge calls (issue 15.1), spread into createPosApi's handler table.
import type { CatalogImportResult, CatalogView, PosCalls } from '../../common/api';
import { ok, type Result } from '../../common/result';
import type { StaffSession } from '../auth/staff-session';
import { catalogToCsv, parseCatalogCsv } from './catalog-csv';
import type { CatalogRepo } from './catalog-repo';
import { mayOverridePrice } from './price-override';

export interface CatalogDeps {
  readonly repo: CatalogRepo;
  /** The signed-in person (issue 11); absent until sign-in is wired: nobody may override a price. */
  readonly staff?: StaffSession;
}

export type CatalogCalls = Pick<PosCalls, 'listProducts' | 'saveProduct' | 'deleteProduct' | 'importCatalogCsv' | 'exportCatalogCsv'>;

export function createCatalogCalls(deps: CatalogDeps): CatalogCalls {
  const view = (): CatalogView => ({ products: deps.repo.list(), mayOverridePrice: mayOverridePrice(deps.staff) });
  return {
    listProducts: async () => ok(view()),
    saveProduct: async (input) => deps.repo.save(input),
    deleteProduct: async (input) => deps.repo.remove(input.productId),
    importCatalogCsv: async (input): Promise<Result<CatalogImportResult>> => {
      const parsed = parseCatalogCsv(input.csv);
      if (!parsed.ok) return ok({ imported: 0, errors: parsed.errors });
      const r = deps.repo.replaceAll(parsed.products);
      return r.ok ? ok({ imported: r.value, errors: [] }) : r;
    },
    exportCatalogCsv: async () => ok({ csv: catalogToCsv(deps.repo.list()) }),
  };
}
