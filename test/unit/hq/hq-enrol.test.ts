// Issue 16 points 1-2 against a real PostgreSQL: HQ schema migrations are ordered and re-runnable, a till
// enrols with a one-time code over pinned TLS, HQ keeps only hashes, and unknown or revoked tills are refused.
import { afterAll, describe, expect, it } from 'vitest';
import { assertHqOrdered, HQ_MIGRATIONS, migrateHq } from '../../../src/hq/db/migrate';
import { createHqPool } from '../../../src/hq/server';
import { createEnrolCode, revokeTill } from '../../../src/hq/tills';
import { enrolAtHq } from '../../../src/core/sync/enrol';
import { fetchPinnedCert } from '../../../src/core/sync/hq-transport';
import { realClock } from '../../../src/common/clock';
import { migrate } from '../../../src/core/store/migrations';
import Database from 'better-sqlite3';
import { pgOrSkip } from '../../support/pg-server';
import { enrolledTill, removeTempDirs, sell, startHq } from '../../support/hq-fixture';

const pgs = await pgOrSkip();

describe.skipIf(!pgs)('HQ on PostgreSQL: migrations, enrolment, revocation', () => {
  afterAll(() => {
    pgs?.close();
    removeTempDirs();
  });

  it('migrations run in order once; a second run changes nothing; a newer database is refused', async () => {
    assertHqOrdered(HQ_MIGRATIONS);
    expect(() => assertHqOrdered([HQ_MIGRATIONS[1]!])).toThrow(/out of order/);
    const url = await pgs!.createDatabase(`mig_${process.pid}`);
    const pool = createHqPool(url);
    try {
      expect(await migrateHq(pool, HQ_MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
      expect(await migrateHq(pool)).toEqual({ from: 1, to: HQ_MIGRATIONS.length });
      expect(await migrateHq(pool)).toEqual({ from: HQ_MIGRATIONS.length, to: HQ_MIGRATIONS.length });
      const t = await pool.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('tills','till_events','receipts','shop_catalog')");
      expect(t.rows[0].n).toBe(4);
      await expect(migrateHq(pool, HQ_MIGRATIONS.slice(0, 1))).rejects.toThrow(/newer than this program/);
    } finally {
      await pool.end();
    }
  });

  it('a till enrols with the one-time code; HQ stores only hashes; the code works once', async () => {
    const hq = await startHq(pgs!);
    try {
      const till = await enrolledTill(hq, 'counter-1');
      const row = (await hq.pool.query('SELECT token_hash FROM tills WHERE id = $1', [till.tillId])).rows[0];
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hash).not.toContain(till.token);
      const code = await createEnrolCode(hq.pool, 'counter-2');
      const codes = (await hq.pool.query('SELECT code_hash FROM enrol_codes')).rows.map((r) => r.code_hash as string);
      expect(codes.some((h) => h.includes(code.replace(/-/g, '')))).toBe(false);
      const db2 = new Database(':memory:');
      migrate(db2);
      const first = await enrolAtHq(db2, realClock, hq.server.url, hq.cert.fingerprint, code);
      expect(first.ok).toBe(true);
      const again = await enrolAtHq(db2, realClock, hq.server.url, hq.cert.fingerprint, code);
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.message).toMatch(/used or expired/);
      await till.close();
    } finally {
      await hq.close();
    }
  });

  it('a till refuses HQ when the certificate fingerprint is not the one shown at HQ', async () => {
    const hq = await startHq(pgs!);
    try {
      await expect(fetchPinnedCert(hq.server.url, 'AA:'.repeat(31) + 'AA')).rejects.toThrow(/fingerprint/);
      expect(await fetchPinnedCert(hq.server.url, hq.cert.fingerprint.toLowerCase())).toContain('BEGIN CERTIFICATE');
    } finally {
      await hq.close();
    }
  });

  it('unknown and revoked tills are refused, nothing of their batch is stored, and the refusal is logged', async () => {
    const hq = await startHq(pgs!);
    try {
      const till = await enrolledTill(hq, 'counter-1');
      sell(till, 3);
      const unknown = await till.transport.post('/api/sync', { tillId: till.tillId, sentAt: Date.now(), events: [] }, 'not-a-token');
      expect(unknown.status).toBe(401);
      expect(await revokeTill(hq.pool, till.tillId)).toBe(true);
      const r = await till.pusher.pushOnce();
      expect(r).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/REVOKED/) });
      // issue 16.2: a revoked till says so (it used to show as unreachable)
      expect(till.pusher.status()).toMatchObject({ state: 'revoked', reason: expect.stringMatching(/revoked/) });
      expect((await hq.pool.query('SELECT count(*)::int AS n FROM till_events')).rows[0].n).toBe(0);
      expect((await hq.pool.query('SELECT reason FROM ingest_refusals ORDER BY id')).rows.map((x) => x.reason)).toEqual(['UNAUTHENTICATED', 'REVOKED']);
      await till.close();
    } finally {
      await hq.close();
    }
  });
});
