// Per-shop catalog and settings, edited at HQ, pulled by tills by an updated_at watermark: a till sends
// the newest updated_at it has and receives every row changed after it (ties are resolved by sending the
// rows at the watermark again: the till's upsert is idempotent).
import type pg from 'pg';

export interface CatalogItem { sku: string; name: string; priceFen: number; active: boolean; updatedAt: string }
export interface ShopSetting { key: string; value: string; updatedAt: string }

export async function upsertCatalogItem(pool: pg.Pool, shopId: string, item: { sku: string; name: string; priceFen: number; active?: boolean }): Promise<void> {
  await pool.query(
    `INSERT INTO shop_catalog (shop_id, sku, name, price_fen, active) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (shop_id, sku) DO UPDATE SET name = excluded.name, price_fen = excluded.price_fen, active = excluded.active, updated_at = clock_timestamp()`,
    [shopId, item.sku, item.name, item.priceFen, item.active ?? true],
  );
}

export async function putShopSetting(pool: pg.Pool, shopId: string, key: string, value: string): Promise<void> {
  await pool.query(
    `INSERT INTO shop_settings (shop_id, key, value) VALUES ($1, $2, $3)
     ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value, updated_at = clock_timestamp()`,
    [shopId, key, value],
  );
}

/** Rows changed at or after `since` (ISO time; empty = everything). */
export async function catalogSince(pool: pg.Pool, shopId: string, since: string): Promise<{ items: CatalogItem[]; settings: ShopSetting[]; watermark: string | null }> {
  const from = since === '' ? '-infinity' : since;
  const items = await pool.query(
    'SELECT sku, name, price_fen, active, updated_at FROM shop_catalog WHERE shop_id = $1 AND updated_at >= $2::timestamptz ORDER BY updated_at LIMIT 5000',
    [shopId, from],
  );
  const settings = await pool.query(
    'SELECT key, value, updated_at FROM shop_settings WHERE shop_id = $1 AND updated_at >= $2::timestamptz ORDER BY updated_at LIMIT 5000',
    [shopId, from],
  );
  const iso = (d: Date): string => new Date(d).toISOString();
  const all = [...items.rows.map((r) => iso(r.updated_at)), ...settings.rows.map((r) => iso(r.updated_at))].sort();
  return {
    items: items.rows.map((r) => ({ sku: r.sku, name: r.name, priceFen: Number(r.price_fen), active: r.active, updatedAt: iso(r.updated_at) })),
    settings: settings.rows.map((r) => ({ key: r.key, value: r.value, updatedAt: iso(r.updated_at) })),
    watermark: all[all.length - 1] ?? (since === '' ? null : since),
  };
}
