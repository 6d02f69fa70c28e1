// Issue 16 point 5 (second half), on a real PostgreSQL: catalog items and settings edited at HQ are pulled
// by a till by updated_at watermark — everything first, then only what changed since; a revoked till
// gets nothing. Also the `wxpay-pos hq` command end to end: serve, code, revoke.
import { afterAll, describe, expect, it } from 'vitest';
import { pullCatalog } from '../../../src/core/sync/catalog-pull';
import { putShopSetting, upsertCatalogItem } from '../../../src/hq/catalog';
import { revokeTill } from '../../../src/hq/tills';
import { run as runHq } from '../../../src/cli/hq-command';
import { pgOrSkip } from '../../support/pg-server';
import { enrolledTill, removeTempDirs, startHq, tempDir } from '../../support/hq-fixture';

const pgs = await pgOrSkip();

describe.skipIf(!pgs)('catalog pull and the hq command on PostgreSQL', () => {
  afterAll(() => {
    pgs?.close();
    removeTempDirs();
  });

  it('a till pulls the shop catalog and settings by watermark', async () => {
    const hq = await startHq(pgs!);
    const till = await enrolledTill(hq, 'counter-1');
    try {
      await upsertCatalogItem(hq.pool, 'main', { sku: 'A1', name: '拿铁', priceFen: 2600 });
      await upsertCatalogItem(hq.pool, 'main', { sku: 'B2', name: 'Bagel', priceFen: 900 });
      await putShopSetting(hq.pool, 'main', 'receipt.footer', '谢谢光临');
      const first = await pullCatalog(till.transport, till.token, '');
      expect(first.items.map((i) => i.sku).sort()).toEqual(['A1', 'B2']);
      expect(first.settings).toEqual([expect.objectContaining({ key: 'receipt.footer', value: '谢谢光临' })]);
      expect(first.watermark).not.toBe('');
      await new Promise((r) => setImmediate(r));
      await upsertCatalogItem(hq.pool, 'main', { sku: 'A1', name: '拿铁', priceFen: 2800 });
      const next = await pullCatalog(till.transport, till.token, first.watermark);
      expect(next.items.filter((i) => i.sku === 'A1')).toEqual([expect.objectContaining({ priceFen: 2800 })]);
      expect(next.items.some((i) => i.sku === 'B2' && i.updatedAt < first.watermark)).toBe(false);
      await revokeTill(hq.pool, till.tillId);
      await expect(pullCatalog(till.transport, till.token, '')).rejects.toThrow(/REVOKED/);
    } finally {
      await till.close();
      await hq.close();
    }
  });

  it('wxpay-pos hq: migrate, code, serve (prints the fingerprint and the owner key once), revoke', async () => {
    const dbUrl = await pgs!.createDatabase(`cli_${process.pid}`);
    const env = { DATABASE_URL: dbUrl };
    const data = tempDir();
    const out: string[] = [];
    const io = { stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(`ERR ${s}`) };
    expect(await runHq(['migrate', '--data', data], io, { env })).toBe(0);
    expect(await runHq(['code', '--name', 'Counter 9', '--data', data], io, { env })).toBe(0);
    expect(out.join('\n')).toMatch(/\d{4}-\d{4}-\d{4}[\s\S]*fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    const stop = new AbortController();
    let url = '';
    const serving = runHq(['serve', '--port', '0', '--host', '127.0.0.1', '--data', data], io, { env, signal: stop.signal, onListening: (u) => void (url = u) });
    await expect.poll(() => url).not.toBe('');
    expect(out.join('\n')).toMatch(/OWNER KEY/);
    stop.abort();
    expect(await serving).toBe(0);
    expect(await runHq(['revoke', 'till-none'], io, { env })).toBe(1);
    expect(await runHq(['serve'], io, { env: {} })).toBe(2); // no DATABASE_URL: says so
    expect(out.join('\n')).toMatch(/set DATABASE_URL/);
  });
});
