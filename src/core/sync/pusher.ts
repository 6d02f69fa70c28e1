// The background pusher (issue 16): sends the outbox to HQ in batches, oldest first, and deletes what HQ
// acknowledged. It never touches a payment: a sale commits with its outbox row whether HQ is up or not.
// Offline it retries with backoff (capped), so a till that was away for a day catches up by itself.
// Its state is what the till's header shows: synced / N waiting / HQ unreachable since ...
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import { HQ_BATCH_EVENTS, type HqAck, type SyncStatus } from '../../common/hq-sync';
import type { HqTransport } from './hq-transport';
import { acknowledge, nextBatch, syncState, waitingCount } from './outbox-repo';

export interface PusherDeps {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly transport: HqTransport;
  /** The till's bearer token (from its secret store); null = not enrolled. */
  token(): string | null;
  readonly log?: (message: string, detail?: unknown) => void;
  readonly batchSize?: number;
  /** Pause between rounds when everything is sent (ms). */
  readonly idleMs?: number;
  /** Longest pause after failures (ms). */
  readonly maxBackoffMs?: number;
  readonly onStatus?: (s: SyncStatus) => void;
}

export type PushOutcome = { readonly kind: 'idle' } | { readonly kind: 'sent'; readonly acked: number } | { readonly kind: 'failed'; readonly reason: string };

export class OutboxPusher {
  private failingSince: number | null = null;
  private lastReason = '';
  private lastOkAt: number | null = null;
  /** issue 16.2: HQ answered REVOKED (since when); cleared by the next accepted batch. */
  private revokedSince: number | null = null;
  private stopper: AbortController | null = null;
  private wake: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly d: PusherDeps) {}

  status(): SyncStatus {
    if (!syncState(this.d.db) || !this.d.token()) return { state: 'off' };
    const waiting = waitingCount(this.d.db);
    if (this.revokedSince !== null) return { state: 'revoked', waiting, since: this.revokedSince, reason: this.lastReason };
    if (this.failingSince !== null) return { state: 'unreachable', waiting, since: this.failingSince, reason: this.lastReason };
    if (waiting > 0) return { state: 'waiting', waiting };
    return { state: 'synced', at: this.lastOkAt ?? this.d.clock.now() };
  }

  /** Sends one batch. */
  async pushOnce(): Promise<PushOutcome> {
    const st = syncState(this.d.db);
    const token = this.d.token();
    if (!st || !token) return { kind: 'idle' };
    const events = nextBatch(this.d.db, this.d.batchSize ?? HQ_BATCH_EVENTS);
    if (events.length === 0) {
      this.failingSince = null;
      this.lastOkAt = this.d.clock.now();
      return { kind: 'idle' };
    }
    let outcome: PushOutcome;
    try {
      const r = await this.d.transport.post('/api/sync', { tillId: st.tillId, sentAt: this.d.clock.now(), events }, token);
      if (r.status === 200) {
        const ack = r.body as HqAck;
        if (!Number.isSafeInteger(ack?.ackedSeq)) throw new Error('HQ answered without ackedSeq');
        acknowledge(this.d.db, ack.ackedSeq);
        this.failingSince = null;
        this.revokedSince = null;
        this.lastOkAt = this.d.clock.now();
        outcome = { kind: 'sent', acked: ack.ackedSeq };
      } else {
        const b = r.body as { code?: string; message?: string } | null;
        if (b?.code === 'REVOKED') this.revokedSince ??= this.d.clock.now();
        outcome = { kind: 'failed', reason: `${b?.code ?? r.status}: ${b?.message ?? 'refused'}` };
      }
    } catch (e) {
      outcome = { kind: 'failed', reason: (e as Error).message };
    }
    if (outcome.kind === 'failed') {
      this.failingSince ??= this.d.clock.now();
      this.lastReason = outcome.reason;
      this.d.log?.('hq push failed', outcome.reason);
    }
    this.d.onStatus?.(this.status());
    return outcome;
  }

  /** Pushes until the outbox is empty or a push fails; true when empty. */
  async drain(): Promise<boolean> {
    for (;;) {
      const r = await this.pushOnce();
      if (r.kind === 'idle') return true;
      if (r.kind === 'failed') return false;
    }
  }

  /** A sale (or anything) was just committed: push soon rather than at the next idle tick. */
  nudge(): void {
    this.wake?.abort();
  }

  start(): void {
    if (this.loop) return;
    this.stopper = new AbortController();
    const stop = this.stopper.signal;
    const idle = this.d.idleMs ?? 5_000;
    const maxBackoff = this.d.maxBackoffMs ?? 60_000;
    this.loop = (async () => {
      let backoff = 1_000;
      while (!stop.aborted) {
        const emptied = await this.drain().catch(() => false);
        const pause = emptied ? idle : backoff;
        backoff = emptied ? 1_000 : Math.min(backoff * 2, maxBackoff);
        this.wake = new AbortController();
        const both = AbortSignal.any([stop, this.wake.signal]);
        await this.d.clock.sleep(pause, both).catch(() => undefined);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopper?.abort();
    await this.loop;
    this.loop = null;
  }
}
