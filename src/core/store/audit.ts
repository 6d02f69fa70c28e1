// Append-only audit log with a hash chain: hash_n = SHA-256(hash_{n-1} || canonical(row_n)), genesis
// prev_hash = 64 zeros. Triggers forbid UPDATE/DELETE; the chain catches edits made around them (a copy
// of the file edited elsewhere, triggers dropped). The anchor row (migration 2) holds the head, moved by
// every append in the same transaction, so a deleted tail shows, and the last fully checked row, so
// start-up only re-hashes what was appended since.
// Keyed (issue 11 point 4, migration 6, when a keyring is given): every row after the key base also
// carries mac_n = HMAC(key, mac_{n-1} || hash_n), the anchor holds the head's MAC and a MAC over the
// security settings, and both are checked at start-up; the key lives only in the SecretBox, so a chain
// recomputed without it (rows deleted, edited, or the whole log rewritten) does not verify.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import { baseMac, rowMac, sameMac, stateMac } from '../audit/audit-mac';
import type { AuditKeyring } from '../audit/audit-keyring';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  /** Free text or a JSON-able object (stored as JSON). Never a secret. */
  readonly detail: string | Readonly<Record<string, unknown>>;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly detail: string;
  readonly prev_hash: string;
  readonly hash: string;
  /** HMAC chain value (keyed rows only; null before the key base or on an unkeyed store). */
  readonly mac?: string | null;
}

export type AuditVerifyResult =
  | { readonly ok: true; readonly checkedRows: number; readonly headSeq: number }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: string };

export interface AuditLog {
  /** Appends one entry; joins the caller's transaction when there is one (else its own). */
  append(entry: AuditEntry): { seq: number; hash: string };
  /**
   * Verifies the chain. Default: from the last fully checked row to the head (fast start-up check);
   * { full: true } re-hashes from seq 1. On success the checked mark advances (unless readonly).
   */
  verify(opts?: { full?: boolean }): AuditVerifyResult;
  /** Full verification in slices, yielding between them so the event loop stays responsive. */
  verifyFullInSlices(opts?: { sliceRows?: number; pause?: () => Promise<void> }): Promise<AuditVerifyResult>;
  head(): { seq: number; hash: string };
  /** Newest first, for support screens. */
  recent(limit: number): AuditRow[];
  /** true when rows are MACed with the SecretBox-held key (issue 11 point 4). */
  readonly keyed: boolean;
  /**
   * After a kv write outside an append: seals the security state to the current head. Joins the
   * caller's transaction. No-op on an unkeyed or read-only log.
   */
  reseal(): void;
  /**
   * An owner's acknowledgement of a broken chain: appends entry, then restarts verification at it
   * (a lost key is replaced). Everything before it is no longer re-checked; the entry says why.
   */
  acknowledgeBreak(entry: AuditEntry): { seq: number; hash: string };
}

/** The exact bytes hashed for a row: fixed field order, JSON-escaped strings. */
export function canonicalRow(r: Pick<AuditRow, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'detail'>): string {
  return JSON.stringify([r.seq, r.at, r.actor, r.action, r.subject, r.detail]);
}

export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

function detailText(detail: AuditEntry['detail']): string {
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

interface Anchor {
  head_seq: number;
  head_hash: string;
  checked_seq: number;
  checked_hash: string;
  trust_seq: number;
  trust_hash: string;
  base_seq: number | null;
  base_hash: string | null;
  head_mac: string | null;
  state_mac: string | null;
}

/** The MAC side of a walk: rows after baseSeq must carry the chained MAC. */
interface MacPlan {
  readonly key: Uint8Array;
  readonly baseSeq: number;
  readonly baseHash: string;
  readonly baseMac: string;
}

/** Walks rows after (startSeq, startHash) in seq order; the first failure wins. */
class ChainWalker {
  private expectSeq: number;
  private prevHash: string;
  private prevMac: string | null;
  rows = 0;
  failure: { brokenAt: number; reason: string } | null = null;

  constructor(startSeq: number, startHash: string, private readonly mac: MacPlan | null = null, startMac: string | null = null) {
    this.expectSeq = startSeq + 1;
    this.prevHash = startHash;
    this.prevMac = mac && startSeq === mac.baseSeq ? mac.baseMac : startMac;
  }

  /** Returns false once broken. */
  step(r: AuditRow): boolean {
    if (r.seq !== this.expectSeq) {
      this.failure = { brokenAt: this.expectSeq, reason: `row ${this.expectSeq} missing (next is ${r.seq})` };
    } else if (r.prev_hash !== this.prevHash) {
      this.failure = { brokenAt: r.seq, reason: `row ${r.seq} does not link to the row before it` };
    } else if (chainHash(r.prev_hash, canonicalRow(r)) !== r.hash) {
      this.failure = { brokenAt: r.seq, reason: `row ${r.seq} was altered` };
    } else if (this.mac) this.stepMac(r);
    if (this.failure) return false;
    this.rows++;
    this.expectSeq = r.seq + 1;
    this.prevHash = r.hash;
    return true;
  }

  private stepMac(r: AuditRow): void {
    const m = this.mac!;
    if (r.seq === m.baseSeq) {
      if (r.hash !== m.baseHash) this.failure = { brokenAt: r.seq, reason: `row ${r.seq} differs from the sealed start of the keyed chain` };
      else this.prevMac = m.baseMac;
    } else if (r.seq > m.baseSeq) {
      const want = this.prevMac === null ? null : rowMac(m.key, this.prevMac, r.hash);
      if (want === null || !sameMac(r.mac, want)) this.failure = { brokenAt: r.seq, reason: `row ${r.seq} does not carry the audit key's seal` };
      else this.prevMac = want;
    }
  }

  /** The walk must end exactly at the anchored head. */
  finish(head: { seq: number; hash: string; mac?: string | null }): AuditVerifyResult {
    if (this.failure) return { ok: false, ...this.failure };
    const lastSeq = this.expectSeq - 1;
    if (lastSeq < head.seq) return { ok: false, brokenAt: lastSeq + 1, reason: `rows ${lastSeq + 1}..${head.seq} missing` };
    if (lastSeq > head.seq) return { ok: false, brokenAt: head.seq + 1, reason: `rows after ${head.seq} bypassed the log` };
    if (this.prevHash !== head.hash) return { ok: false, brokenAt: head.seq, reason: `row ${head.seq} differs from the anchored head` };
    if (this.mac && head.seq >= this.mac.baseSeq && (this.prevMac === null || !sameMac(head.mac, this.prevMac))) {
      return { ok: false, brokenAt: head.seq, reason: `the sealed head does not match row ${head.seq}` };
    }
    return { ok: true, checkedRows: this.rows, headSeq: head.seq };
  }
}

export interface AuditLogOptions {
  readonly readonly?: boolean;
  /** The SecretBox-held key and the security-state digest: makes the chain keyed (issue 11 point 4). */
  readonly keyring?: AuditKeyring;
}

const broken = (brokenAt: number, reason: string): AuditVerifyResult => ({ ok: false, brokenAt, reason });

export function createAuditLog(db: Database.Database, clock: Clock, opts: AuditLogOptions = {}): AuditLog {
  // Prepared on first use: a read-only store on a version-1 file has no audit_anchor to prepare against.
  const lazy = <S>(make: () => S): (() => S) => {
    let s: S | undefined;
    return () => (s ??= make());
  };
  const keyring = opts.keyring ?? null;
  const hasSealColumns = lazy(
    () => (db.prepare("SELECT count(*) AS n FROM pragma_table_info('audit_anchor') WHERE name = 'head_mac'").get() as { n: number }).n > 0,
  );
  const anchorQ = lazy(() =>
    db.prepare<[], Anchor>(
      hasSealColumns()
        ? 'SELECT head_seq, head_hash, checked_seq, checked_hash, trust_seq, trust_hash, base_seq, base_hash, head_mac, state_mac FROM audit_anchor WHERE id = 1'
        : `SELECT head_seq, head_hash, checked_seq, checked_hash, 0 AS trust_seq, '${GENESIS_HASH}' AS trust_hash, NULL AS base_seq, NULL AS base_hash, NULL AS head_mac, NULL AS state_mac FROM audit_anchor WHERE id = 1`,
    ),
  );
  const insert = lazy(() =>
    db.prepare<[number, number, string, string, string, string, string, string]>(
      'INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  );
  const insertMac = lazy(() =>
    db.prepare<[number, number, string, string, string, string, string, string, string | null]>(
      'INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  );
  const moveHead = lazy(() => db.prepare<[number, string]>('UPDATE audit_anchor SET head_seq = ?, head_hash = ? WHERE id = 1'));
  const moveSealedHead = lazy(() =>
    db.prepare<[number, string, string | null, string | null]>('UPDATE audit_anchor SET head_seq = ?, head_hash = ?, head_mac = ?, state_mac = ? WHERE id = 1'),
  );
  const setState = lazy(() => db.prepare<[string]>('UPDATE audit_anchor SET state_mac = ? WHERE id = 1'));
  const setBase = lazy(() =>
    db.prepare<[number, string, number, string, string, string]>(
      'UPDATE audit_anchor SET trust_seq = ?, trust_hash = ?, base_seq = ?, base_hash = ?, head_mac = ?, state_mac = ? WHERE id = 1',
    ),
  );
  const markChecked = lazy(() =>
    db.prepare<[number, string, number]>('UPDATE audit_anchor SET checked_seq = ?, checked_hash = ?, checked_at = ? WHERE id = 1'),
  );
  const rowAt = lazy(() => db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?'));
  const after = lazy(() => db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq'));
  const slice = lazy(() => db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?'));
  const recentQ = lazy(() => db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?'));
  const anyMacQ = lazy(() => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM audit_log WHERE mac IS NOT NULL LIMIT 1)'));

  const anchor = (): Anchor => {
    const a = anchorQ().get();
    if (!a) throw new Error('audit_anchor row missing');
    return a;
  };

  const keyNow = (): Uint8Array | null => {
    if (!keyring) return null;
    const k = keyring.current();
    return 'key' in k ? k.key : null;
  };
  const sealOf = (key: Uint8Array, headSeq: number, headMac: string): string => stateMac(key, headSeq, headMac, keyring!.digest());
  const baseMacOf = (key: Uint8Array, a: Anchor): string =>
    baseMac(key, { trustSeq: a.trust_seq, trustHash: a.trust_hash, baseSeq: a.base_seq ?? 0, baseHash: a.base_hash ?? GENESIS_HASH });

  /** Sets trust = base = (seq, hash) with a fresh seal: first keying and acknowledgements. */
  const rebase = (key: Uint8Array, trustSeq: number, trustHash: string, seq: number, hash: string): void => {
    const m = baseMac(key, { trustSeq, trustHash, baseSeq: seq, baseHash: hash });
    setBase().run(trustSeq, trustHash, seq, hash, m, sealOf(key, seq, m));
  };

  const appendTx = db.transaction((entry: AuditEntry) => {
    const a = anchor();
    const row = {
      seq: a.head_seq + 1,
      at: clock.now(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail: detailText(entry.detail),
    };
    const hash = chainHash(a.head_hash, canonicalRow(row));
    const key = a.base_seq === null ? null : keyNow();
    if (!hasSealColumns()) {
      insert().run(row.seq, row.at, row.actor, row.action, row.subject, row.detail, a.head_hash, hash);
      moveHead().run(row.seq, hash);
      return { seq: row.seq, hash };
    }
    // A keyed chain whose key is gone still gets the row (never lose a record); verification reports it.
    const mac = key ? rowMac(key, a.head_mac ?? '', hash) : null;
    insertMac().run(row.seq, row.at, row.actor, row.action, row.subject, row.detail, a.head_hash, hash, mac);
    moveSealedHead().run(row.seq, hash, mac ?? a.head_mac, key && mac ? sealOf(key, row.seq, mac) : a.state_mac);
    return { seq: row.seq, hash };
  });

  /** Keyed checks that need no walk: key present, base sane, head MAC and the security-state seal. */
  const sealCheck = (a: Anchor): AuditVerifyResult | MacPlan | null => {
    if (!keyring || !hasSealColumns()) return null;
    if (a.base_seq === null) {
      // Never keyed; MACs in the log mean the key base was removed.
      return anyMacQ().get()!.n > 0 ? broken(a.head_seq, 'the start of the keyed chain was removed') : null;
    }
    const k = keyring.current();
    if (!('key' in k)) return broken(a.base_seq, k.problem === 'missing' ? 'the audit key is missing' : 'the audit key cannot be read on this computer');
    if (a.base_hash === null || a.head_mac === null || a.state_mac === null) return broken(a.base_seq, 'the audit seal is incomplete');
    if (a.trust_seq > a.base_seq || a.base_seq > a.head_seq) return broken(a.base_seq, 'the audit seal points past the log');
    const plan: MacPlan = { key: k.key, baseSeq: a.base_seq, baseHash: a.base_hash, baseMac: baseMacOf(k.key, a) };
    if (a.head_seq === a.base_seq ? !sameMac(a.head_mac, plan.baseMac) : !sameMac(rowAt().get(a.head_seq)?.mac, a.head_mac)) {
      return broken(a.head_seq, 'the sealed head does not match the log');
    }
    if (!sameMac(a.state_mac, sealOf(k.key, a.head_seq, a.head_mac))) {
      return broken(a.head_seq, 'security settings (staff, PIN, caps, mode or credentials) were changed outside the app');
    }
    return plan;
  };

  /** Where a walk may start: the trust point, or the checked mark if that row still hashes to what was recorded. */
  const startPoint = (full: boolean, a: Anchor, plan: MacPlan | null): { seq: number; hash: string; mac: string | null } | AuditVerifyResult => {
    const trust = { seq: a.trust_seq, hash: a.trust_hash, mac: null };
    if (full || a.checked_seq <= a.trust_seq) return trust;
    const r = rowAt().get(a.checked_seq);
    if (!r || r.hash !== a.checked_hash || chainHash(r.prev_hash, canonicalRow(r)) !== r.hash) {
      return broken(a.checked_seq, `checked row ${a.checked_seq} missing or altered`);
    }
    // A mark before the key base restarts MACs at the base; after it, the mark row's own MAC is the start.
    return { seq: r.seq, hash: r.hash, mac: plan && r.seq > plan.baseSeq ? (r.mac ?? null) : null };
  };

  const record = (res: AuditVerifyResult, a: Anchor): AuditVerifyResult => {
    if (res.ok && !opts.readonly && res.headSeq > a.checked_seq) markChecked().run(a.head_seq, a.head_hash, clock.now());
    return res;
  };

  /** First start with a keyring on a never-keyed log: the existing rows become the sealed start. */
  const keyIfNew = (): void => {
    if (!keyring || opts.readonly || !hasSealColumns()) return;
    db.transaction(() => {
      const a = anchor();
      if (a.base_seq !== null || anyMacQ().get()!.n > 0) return;
      const k = keyring.current();
      if (!('problem' in k) || k.problem !== 'missing') return; // a stray key or an unreadable one: sealCheck reports
      const key = keyring.renew();
      rebase(key, a.trust_seq, a.trust_hash, a.head_seq, a.head_hash);
      appendTx({ actor: 'system', action: 'audit.keyed', subject: 'audit', detail: { baseSeq: a.head_seq } });
    }).immediate();
  };
  keyIfNew();

  return {
    append: (entry) => appendTx(entry),
    keyed: keyring !== null,

    verify({ full = false } = {}) {
      // One read transaction: a consistent snapshot of anchor and rows. The mark is written after it, so
      // the read never has to upgrade to a write lock.
      const { res, a } = db.transaction(() => {
        const a = anchor();
        const plan = sealCheck(a);
        if (plan && 'ok' in plan) return { res: plan, a };
        const start = startPoint(full, a, plan);
        if ('ok' in start) return { res: start, a };
        const walker = new ChainWalker(start.seq, start.hash, plan, start.mac);
        for (const r of after().iterate(start.seq)) if (!walker.step(r)) break;
        return { res: walker.finish({ seq: a.head_seq, hash: a.head_hash, mac: a.head_mac }), a };
      })();
      return record(res, a);
    },

    async verifyFullInSlices({ sliceRows = 2_000, pause = () => new Promise<void>((r) => setImmediate(r)) } = {}) {
      // Rows are immutable; appends between slices only add rows and move the head, which is read in the
      // same synchronous stretch as the last slice, so no snapshot is needed across pauses.
      const a0 = anchor();
      const plan = sealCheck(a0);
      if (plan && 'ok' in plan) return plan;
      const walker = new ChainWalker(a0.trust_seq, a0.trust_hash, plan);
      let last = a0.trust_seq;
      for (;;) {
        const rows = slice().all(last, sliceRows);
        for (const r of rows) if (!walker.step(r)) return walker.finish({ seq: 0, hash: GENESIS_HASH });
        if (rows.length < sliceRows) {
          const a = anchor();
          // An acknowledgement during the walk moved the trust point: the next walk starts there.
          if (a.trust_seq !== a0.trust_seq) return { ok: true, checkedRows: walker.rows, headSeq: a.head_seq };
          const sealed = sealCheck(a);
          if (sealed && 'ok' in sealed) return sealed;
          return record(walker.finish({ seq: a.head_seq, hash: a.head_hash, mac: a.head_mac }), a);
        }
        last = rows[rows.length - 1]!.seq;
        await pause();
      }
    },

    head() {
      const a = anchor();
      return { seq: a.head_seq, hash: a.head_hash };
    },

    recent: (limit) => recentQ().all(Math.max(0, Math.min(limit, 1000))),

    reseal() {
      if (!keyring || opts.readonly || !hasSealColumns()) return;
      const a = anchor();
      const key = a.base_seq === null ? null : keyNow();
      if (key && a.head_mac) setState().run(sealOf(key, a.head_seq, a.head_mac));
    },

    acknowledgeBreak(entry) {
      return db.transaction(() => {
        const appended = appendTx(entry);
        if (keyring && !opts.readonly && hasSealColumns()) {
          const key = keyNow() ?? keyring.renew();
          rebase(key, appended.seq, appended.hash, appended.seq, appended.hash);
          markChecked().run(appended.seq, appended.hash, clock.now());
        }
        return appended;
      }).immediate();
    },
  };
}
