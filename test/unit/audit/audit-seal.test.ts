// Issue 11 point 4: the keyed audit chain detects tampering at the next start. Each attack is done the
// way an attacker with the database file (but not the SecretBox) would: triggers dropped, rows edited or
// deleted with plain SQL, hashes recomputed with SHA-256 and MACs with a key of their own.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { VirtualClock } from '../../../src/common/clock';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { canonicalRow, chainHash, GENESIS_HASH, openStore, type AuditVerifyResult, type Store } from '../../../src/core/store';
import { AUDIT_KEY_SECRET } from '../../../src/core/audit/security-state';
import { tempDir, type TempDir } from '../store/helpers';

let t: TempDir;
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close();
  t?.cleanup();
});

function start(box: MemorySecretBox | undefined, file = t.path('pos.db')): Store {
  const s = openStore(file, { clock: new VirtualClock(1_800_000_000_000), ...(box ? { secretBox: box } : {}) });
  open.push(s);
  return s;
}

/** What "the next start" finds: the synchronous start-up check, then the background full walk. */
async function nextStart(box: MemorySecretBox): Promise<{ startup: AuditVerifyResult; full: AuditVerifyResult; store: Store }> {
  const s = start(box);
  return { startup: s.startup.audit, full: await s.audit.verifyFullInSlices({ sliceRows: 7 }), store: s };
}

/** A till that ran for a while: entries, settings (a PIN record, caps, mode) and a secret. */
function seed(box: MemorySecretBox): void {
  const s = start(box);
  s.kv.set('manager_pin.hash', '{"scrypt":"x"}');
  s.kv.set('refund.capFen', '50000');
  s.kv.set('mode', 'SANDBOX');
  s.kv.putSecret('merchant.apiKey', box.encrypt(new TextEncoder().encode('k'.repeat(32))));
  for (let i = 1; i <= 40; i++) s.audit.append({ actor: 'amy', action: 'charge', subject: `P${i}`, detail: { totalFen: i * 100 } });
  s.close();
}

/** The attacker's raw handle: no triggers, no app. */
function raw(): Database.Database {
  const db = new Database(t.path('pos.db'));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  return db;
}

interface Row { seq: number; at: number; actor: string; action: string; subject: string; detail: string; prev_hash: string; hash: string; mac: string | null }

function expectBroken(r: AuditVerifyResult): void {
  expect(r.ok).toBe(false);
}

describe('keyed audit chain: tampering is detected at the next start', () => {
  it('an untouched till verifies at start and in the background, and the key never sits in the file in plain', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    const { startup, full, store } = await nextStart(box);
    expect(startup).toMatchObject({ ok: true });
    expect(full).toMatchObject({ ok: true, headSeq: 41 });
    expect(store.audit.keyed).toBe(true);
    const rows = store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
    expect(rows[0]).toMatchObject({ action: 'audit.keyed', seq: 1 });
    expect(rows.every((r) => typeof r.mac === 'string' && r.mac.length === 64)).toBe(true);
    const blob = store.kv.getSecret(AUDIT_KEY_SECRET);
    expect(blob).not.toBeNull();
    expect(() => new MemorySecretBox().decrypt(blob!)).toThrow(); // another box (another computer) cannot read it
  });

  it('edit a row: detected', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    const db = raw();
    db.prepare("UPDATE audit_log SET detail = '{\"totalFen\":1}' WHERE seq = 12").run();
    db.close();
    const { startup, full } = await nextStart(box);
    expect(startup.ok && full.ok).toBe(false);
    expectBroken(full);
    expect(full).toMatchObject({ brokenAt: 12 });
  });

  it('edit a row and recompute every SHA-256 after it (no key): detected at start-up', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    const db = raw();
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
    let prev = GENESIS_HASH;
    const upd = db.prepare('UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    for (const r of rows) {
      const detail = r.seq === 20 ? '{"totalFen":1}' : r.detail;
      const hash = chainHash(prev, canonicalRow({ ...r, detail }));
      upd.run(detail, prev, hash, r.seq);
      prev = hash;
    }
    db.prepare('UPDATE audit_anchor SET head_hash = ?, checked_seq = 0').run(prev);
    db.close();
    const { startup, full } = await nextStart(box);
    expectBroken(startup);
    expectBroken(full);
  });

  it('delete rows (the tail, with the anchor moved back to the new tail): detected at start-up', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    const db = raw();
    db.prepare('DELETE FROM audit_log WHERE seq > 35').run();
    const last = db.prepare('SELECT seq, hash, mac FROM audit_log WHERE seq = 35').get() as { seq: number; hash: string; mac: string };
    db.prepare('UPDATE audit_anchor SET head_seq = ?, head_hash = ?, head_mac = ?, checked_seq = 0').run(last.seq, last.hash, last.mac);
    db.close();
    const { startup, full } = await nextStart(box);
    expectBroken(startup);
    expect(startup).toMatchObject({ reason: expect.stringMatching(/security settings|sealed head/) });
    expectBroken(full);
  });

  it('delete rows in the middle: detected', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    const db = raw();
    db.prepare('DELETE FROM audit_log WHERE seq BETWEEN 10 AND 12').run();
    db.close();
    const { full } = await nextStart(box);
    expect(full).toMatchObject({ ok: false, brokenAt: 10 });
  });

  it('rewrite the whole chain, recomputing every hash and every MAC with a key of the attacker: detected at start-up', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    const db = raw();
    const fake = randomBytes(32);
    const hmac = (...parts: string[]): string => {
      const h = createHmac('sha256', fake);
      for (const p of parts) h.update(p, 'utf8');
      return h.digest('hex');
    };
    // Keep only the first 10 entries, all rewritten to say something else, and re-seal everything.
    db.prepare('DELETE FROM audit_log WHERE seq > 10').run();
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
    const base = hmac(JSON.stringify(['audit.base', 0, GENESIS_HASH, 0, GENESIS_HASH]));
    db.prepare('UPDATE audit_anchor SET trust_seq = 0, trust_hash = ?, base_seq = 0, base_hash = ?').run(GENESIS_HASH, GENESIS_HASH);
    let prev = GENESIS_HASH;
    let mac = base;
    const upd = db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ?, mac = ? WHERE seq = ?');
    for (const r of rows) {
      const hash = chainHash(prev, canonicalRow({ ...r, actor: 'nobody' }));
      mac = hmac(mac, '|', hash);
      upd.run('nobody', prev, hash, mac, r.seq);
      prev = hash;
    }
    const digest = createHash('sha256').update('whatever').digest('hex');
    db.prepare('UPDATE audit_anchor SET head_seq = 10, head_hash = ?, head_mac = ?, state_mac = ?, checked_seq = 0').run(prev, mac, hmac(JSON.stringify(['audit.state', 10, mac, digest])));
    db.close();
    const { startup, full } = await nextStart(box);
    expectBroken(startup);
    expectBroken(full);
  });

  it('delete the PIN record (or any settings row): detected at start-up', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    const db = new Database(t.path('pos.db'));
    db.prepare("DELETE FROM settings WHERE key = 'manager_pin.hash'").run();
    db.close();
    const { startup, full } = await nextStart(box);
    expect(startup).toMatchObject({ ok: false, reason: expect.stringMatching(/security settings/) });
    expectBroken(full);
  });

  it('change a cap, the mode, or a stored secret outside the app: detected; the same changes through the app are not', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    for (const sql of ["UPDATE settings SET value = '99999999' WHERE key = 'refund.capFen'", "UPDATE settings SET value = 'LIVE' WHERE key = 'mode'", "UPDATE secrets SET blob = x'00' WHERE name = 'merchant.apiKey'"]) {
      const s = start(box);
      s.kv.set('refund.capFen', '60000'); // through the app: resealed in the same transaction
      s.close();
      expect((await nextStart(box)).startup.ok).toBe(true);
      open.splice(0).forEach((x) => x.close());
      const db = new Database(t.path('pos.db'));
      db.prepare(sql).run();
      db.close();
      expect((await nextStart(box)).startup).toMatchObject({ ok: false, reason: expect.stringMatching(/security settings/) });
      open.splice(0).forEach((x) => x.close());
      // A fresh till for the next attack.
      t.cleanup();
      t = tempDir('seal-');
      seed(box);
    }
  });

  it('delete the audit key, or the key and the sealed start: detected', async () => {
    t = tempDir('seal-');
    const box = new MemorySecretBox();
    seed(box);
    let db = new Database(t.path('pos.db'));
    db.prepare('DELETE FROM secrets WHERE name = ?').run(AUDIT_KEY_SECRET);
    db.close();
    expect((await nextStart(box)).startup).toMatchObject({ ok: false, reason: 'the audit key is missing' });
    open.splice(0).forEach((x) => x.close());
    db = new Database(t.path('pos.db'));
    db.prepare('UPDATE audit_anchor SET base_seq = NULL, base_hash = NULL, head_mac = NULL, state_mac = NULL').run();
    db.close();
    const again = await nextStart(box);
    expect(again.startup).toMatchObject({ ok: false, reason: expect.stringMatching(/keyed chain was removed/) });
  });

  it('another computer (another SecretBox) cannot read the key: reported, never silently re-keyed', async () => {
    t = tempDir('seal-');
    seed(new MemorySecretBox());
    const { startup } = await nextStart(new MemorySecretBox());
    expect(startup).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot be read/) });
  });

  it('a database from before the keyed chain is sealed at its first keyed start; its old rows stay covered', async () => {
    t = tempDir('seal-');
    const legacy = start(undefined);
    for (let i = 1; i <= 5; i++) legacy.audit.append({ actor: 'amy', action: 'charge', subject: `L${i}`, detail: 'x' });
    legacy.close();
    const box = new MemorySecretBox();
    const first = await nextStart(box);
    expect(first.startup.ok && first.full.ok).toBe(true);
    expect(first.store.db.prepare("SELECT seq FROM audit_log WHERE action = 'audit.keyed'").get()).toEqual({ seq: 6 });
    first.store.close();
    const db = raw();
    db.prepare("UPDATE audit_log SET actor = 'bob' WHERE seq = 2").run();
    db.close();
    expectBroken((await nextStart(box)).full);
  });
});
