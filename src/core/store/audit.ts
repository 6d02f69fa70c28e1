// Append-only audit log with a hash chain: hash_n = SHA-256(hash_{n-1} || canonical(row_n)), genesis
// prev_hash = 64 zeros. Triggers forbid UPDATE/DELETE; the chain catches edits made around them (a copy
// of the file edited elsewhere, triggers dropped). The anchor row (migration 2) holds the head, moved by
// every append in the same transaction, so a deleted tail shows, and the last fully checked row, so
// start-up only re-hashes what was appended since.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';

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
}

/** Walks rows after (startSeq, startHash) in seq order; the first failure wins. */
class ChainWalker {
  private expectSeq: number;
  private prevHash: string;
  rows = 0;
  failure: { brokenAt: number; reason: string } | null = null;

  constructor(startSeq: number, startHash: string) {
    this.expectSeq = startSeq + 1;
    this.prevHash = startHash;
  }

  /** Returns false once broken. */
  step(r: AuditRow): boolean {
    if (r.seq !== this.expectSeq) {
      this.failure = { brokenAt: this.expectSeq, reason: `row ${this.expectSeq} missing (next is ${r.seq})` };
    } else if (r.prev_hash !== this.prevHash) {
      this.failure = { brokenAt: r.seq, reason: `row ${r.seq} does not link to the row before it` };
    } else if (chainHash(r.prev_hash, canonicalRow(r)) !== r.hash) {
      this.failure = { brokenAt: r.seq, reason: `row ${r.seq} was altered` };
    }
    if (this.failure) return false;
    this.rows++;
    this.expectSeq = r.seq + 1;
    this.prevHash = r.hash;
    return true;
  }

  /** The walk must end exactly at the anchored head. */
  finish(head: { seq: number; hash: string }): AuditVerifyResult {
    if (this.failure) return { ok: false, ...this.failure };
    const lastSeq = this.expectSeq - 1;
    if (lastSeq < head.seq) return { ok: false, brokenAt: lastSeq + 1, reason: `rows ${lastSeq + 1}..${head.seq} missing` };
    if (lastSeq > head.seq) return { ok: false, brokenAt: head.seq + 1, reason: `rows after ${head.seq} bypassed the log` };
    if (this.prevHash !== head.hash) return { ok: false, brokenAt: head.seq, reason: `row ${head.seq} differs from the anchored head` };
    return { ok: true, checkedRows: this.rows, headSeq: head.seq };
  }
}

export function createAuditLog(db: Database.Database, clock: Clock, opts: { readonly?: boolean } = {}): AuditLog {
  // Prepared on first use: a read-only store on a version-1 file has no audit_anchor to prepare against.
  const lazy = <S>(make: () => S): (() => S) => {
    let s: S | undefined;
    return () => (s ??= make());
  };
  const anchorQ = lazy(() =>
    db.prepare<[], Anchor>('SELECT head_seq, head_hash, checked_seq, checked_hash FROM audit_anchor WHERE id = 1'),
  );
  const insert = lazy(() =>
    db.prepare<[number, number, string, string, string, string, string, string]>(
      'INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  );
  const moveHead = lazy(() => db.prepare<[number, string]>('UPDATE audit_anchor SET head_seq = ?, head_hash = ? WHERE id = 1'));
  const markChecked = lazy(() =>
    db.prepare<[number, string, number]>('UPDATE audit_anchor SET checked_seq = ?, checked_hash = ?, checked_at = ? WHERE id = 1'),
  );
  const rowAt = lazy(() => db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?'));
  const after = lazy(() => db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq'));
  const slice = lazy(() => db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?'));
  const recentQ = lazy(() => db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?'));

  const anchor = (): Anchor => {
    const a = anchorQ().get();
    if (!a) throw new Error('audit_anchor row missing');
    return a;
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
    insert().run(row.seq, row.at, row.actor, row.action, row.subject, row.detail, a.head_hash, hash);
    moveHead().run(row.seq, hash);
    return { seq: row.seq, hash };
  });

  /** Where a walk may start: genesis, or the checked mark if that row still hashes to what was recorded. */
  const startPoint = (full: boolean, a: Anchor): { seq: number; hash: string } | AuditVerifyResult => {
    if (full || a.checked_seq === 0) return { seq: 0, hash: GENESIS_HASH };
    const r = rowAt().get(a.checked_seq);
    if (!r || r.hash !== a.checked_hash || chainHash(r.prev_hash, canonicalRow(r)) !== r.hash) {
      return { ok: false, brokenAt: a.checked_seq, reason: `checked row ${a.checked_seq} missing or altered` };
    }
    return { seq: r.seq, hash: r.hash };
  };

  const record = (res: AuditVerifyResult, a: Anchor): AuditVerifyResult => {
    if (res.ok && !opts.readonly && res.headSeq > a.checked_seq) markChecked().run(a.head_seq, a.head_hash, clock.now());
    return res;
  };

  return {
    append: (entry) => appendTx(entry),

    verify({ full = false } = {}) {
      // One read transaction: a consistent snapshot of anchor and rows. The mark is written after it, so
      // the read never has to upgrade to a write lock.
      const { res, a } = db.transaction(() => {
        const a = anchor();
        const start = startPoint(full, a);
        if ('ok' in start) return { res: start, a };
        const walker = new ChainWalker(start.seq, start.hash);
        for (const r of after().iterate(start.seq)) if (!walker.step(r)) break;
        return { res: walker.finish({ seq: a.head_seq, hash: a.head_hash }), a };
      })();
      return record(res, a);
    },

    async verifyFullInSlices({ sliceRows = 2_000, pause = () => new Promise<void>((r) => setImmediate(r)) } = {}) {
      // Rows are immutable; appends between slices only add rows and move the head, which is read in the
      // same synchronous stretch as the last slice, so no snapshot is needed across pauses.
      const walker = new ChainWalker(0, GENESIS_HASH);
      let last = 0;
      for (;;) {
        const rows = slice().all(last, sliceRows);
        for (const r of rows) if (!walker.step(r)) return walker.finish({ seq: 0, hash: GENESIS_HASH });
        if (rows.length < sliceRows) {
          const a = anchor();
          return record(walker.finish({ seq: a.head_seq, hash: a.head_hash }), a);
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
  };
}
