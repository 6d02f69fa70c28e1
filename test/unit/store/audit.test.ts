// The audit hash chain: appends join the caller's transaction; edits, deletions and reordering made
// around the triggers are found, with the first broken seq.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { GENESIS_HASH, canonicalRow, chainHash, openStore, type Store } from '../../../src/core/store';
import { freshStore, tempDir, type TempDir } from './helpers';

describe('audit log hash chain', () => {
  let t: TempDir;
  let s: Store;
  const clock = new VirtualClock(Date.UTC(2026, 0, 15));
  const fill = (n: number): void => {
    for (let i = 1; i <= n; i++) {
      clock.set(clock.now() + 1000);
      s.audit.append({ actor: `m${i % 3}`, action: 'refund.approved', subject: `RF${i}`, detail: { amountFen: i * 10, note: 'a "quoted" \u00e9' } });
    }
  };
  /** Raw SQL edit as an attacker with the file would do it: triggers dropped first. */
  const tamper = (sql: string): void => {
    s.db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${sql}`);
  };

  beforeEach(() => {
    t = tempDir();
    s = freshStore(t, { clock });
  });
  afterEach(() => {
    s.close();
    t.cleanup();
  });

  it('chains from the 64-zero genesis with SHA-256(prev || canonical row)', () => {
    fill(3);
    const rows = s.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
      seq: number; at: number; actor: string; action: string; subject: string; detail: string; prev_hash: string; hash: string;
    }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[0]!.detail).toBe('{"amountFen":10,"note":"a \\"quoted\\" \u00e9"}');
    for (const [i, r] of rows.entries()) {
      expect(r.hash).toBe(chainHash(r.prev_hash, canonicalRow(r)));
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
    }
    expect(s.audit.head()).toEqual({ seq: 3, hash: rows[2]!.hash });
    expect(s.audit.verify({ full: true })).toEqual({ ok: true, checkedRows: 3, headSeq: 3 });
  });

  it('append joins the caller transaction: a rollback takes the row and the head with it', () => {
    fill(2);
    const head = s.audit.head();
    expect(() =>
      s.transaction(() => {
        s.audit.append({ actor: 'x', action: 'y', subject: 'z', detail: '' });
        throw new Error('caller failed');
      }),
    ).toThrow('caller failed');
    expect(s.audit.head()).toEqual(head);
    expect(s.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
    fill(1);
    expect(s.audit.verify({ full: true }).ok).toBe(true);
  });

  it('an edited row is found (triggers dropped)', () => {
    fill(10);
    tamper("UPDATE audit_log SET detail = '{\"amountFen\":1}' WHERE seq = 4");
    expect(s.audit.verify({ full: true })).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('an edited row whose hash was recomputed is found at the next link', () => {
    fill(10);
    const r = s.db.prepare('SELECT * FROM audit_log WHERE seq = 6').get() as { seq: number; at: number; actor: string; action: string; subject: string; prev_hash: string };
    const forged = chainHash(r.prev_hash, canonicalRow({ ...r, detail: 'forged' }));
    tamper(`UPDATE audit_log SET detail = 'forged', hash = '${forged}' WHERE seq = 6`);
    expect(s.audit.verify({ full: true })).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('a deleted middle row is found', () => {
    fill(10);
    tamper('DELETE FROM audit_log WHERE seq = 5');
    expect(s.audit.verify({ full: true })).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('a deleted tail is found through the anchored head', () => {
    fill(10);
    tamper('DELETE FROM audit_log WHERE seq >= 9');
    expect(s.audit.verify({ full: true })).toMatchObject({ ok: false, brokenAt: 9 });
  });

  it('reordered rows are found', () => {
    fill(10);
    tamper('UPDATE audit_log SET seq = -3 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 7; UPDATE audit_log SET seq = 7 WHERE seq = -3;');
    expect(s.audit.verify({ full: true })).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('a row inserted around append() is found', () => {
    fill(3);
    const h = s.audit.head();
    const row = { seq: 4, at: 1, actor: 'x', action: 'y', subject: 'z', detail: '' };
    s.db
      .prepare('INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.seq, row.at, row.actor, row.action, row.subject, row.detail, h.hash, chainHash(h.hash, canonicalRow(row)));
    expect(s.audit.verify({ full: true })).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('start-up verifies only rows after the checked mark, and still catches edits after it and to it', () => {
    fill(20);
    expect(s.audit.verify()).toEqual({ ok: true, checkedRows: 20, headSeq: 20 });
    fill(5);
    expect(s.audit.verify()).toEqual({ ok: true, checkedRows: 5, headSeq: 25 });
    fill(5);
    tamper("UPDATE audit_log SET actor = 'mallory' WHERE seq = 27");
    expect(s.audit.verify()).toMatchObject({ ok: false, brokenAt: 27 });
  });

  it('an edit to the checked row itself is caught by the quick check; older edits by the full pass', async () => {
    fill(20);
    s.audit.verify();
    tamper("UPDATE audit_log SET actor = 'mallory' WHERE seq = 20");
    expect(s.audit.verify()).toMatchObject({ ok: false, brokenAt: 20 });
    s.close();
    s = freshStore(t, { clock });
    s.db.exec("UPDATE audit_log SET actor = 'm2' WHERE seq = 20"); // triggers are gone in this copy
    expect(s.audit.verify()).toMatchObject({ ok: true });
    s.db.exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    expect(s.audit.verify()).toMatchObject({ ok: true }); // before the mark: not re-hashed at start-up
    expect(await s.audit.verifyFullInSlices({ sliceRows: 3 })).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('openStore reports the chain state at start-up', () => {
    fill(5);
    tamper("UPDATE audit_log SET subject = 'x' WHERE seq = 5");
    s.close();
    s = openStore(t.path('pos.db'), { clock });
    expect(s.startup.audit).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('sliced full verification agrees with the one-pass verification', async () => {
    fill(50);
    expect(await s.audit.verifyFullInSlices({ sliceRows: 7 })).toEqual({ ok: true, checkedRows: 50, headSeq: 50 });
    tamper('DELETE FROM audit_log WHERE seq = 33');
    expect(await s.audit.verifyFullInSlices({ sliceRows: 7 })).toMatchObject({ ok: false, brokenAt: 33 });
    expect(s.audit.verify({ full: true })).toMatchObject({ ok: false, brokenAt: 33 });
  });
});
