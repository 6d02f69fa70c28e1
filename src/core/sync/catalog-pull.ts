// Per-shop catalog and settings edited at HQ (issue 16 point 5), pulled by the till by an updated_at
// watermark: the till sends the newest updated_at it has seen and gets every row changed at or after it
// (rows exactly at the watermark come again; applying them twice changes nothing). Where the rows go in
// the till (the catalog of issue 15) is the caller's: this returns them and the next watermark.
import type { HqTransport } from './hq-transport';

export interface PulledCatalog {
  readonly items: readonly { sku: string; name: string; priceFen: number; active: boolean; updatedAt: string }[];
  readonly settings: readonly { key: string; value: string; updatedAt: string }[];
  /** Send this next time ('' = from the beginning). */
  readonly watermark: string;
}

export async function pullCatalog(transport: HqTransport, token: string, since: string): Promise<PulledCatalog> {
  const r = await transport.get(`/api/catalog?since=${encodeURIComponent(since)}`, token);
  if (r.status !== 200) {
    const b = r.body as { code?: string; message?: string } | null;
    throw new Error(`HQ refused the catalog pull: ${b?.code ?? r.status} ${b?.message ?? ''}`);
  }
  const b = r.body as { items: PulledCatalog['items']; settings: PulledCatalog['settings']; watermark: string | null };
  return { items: b.items, settings: b.settings, watermark: b.watermark ?? since };
}
