// Identifier minting for the simulated gateway: shapes follow real WeChat ids (28-digit
// transaction_id, wx-prefixed prepay_id, weixin:// code_url, 18-digit auth codes), uniqueness comes
// from counters, the rest from the seeded PRNG so a run replays from its seed.
import { formatBeijing } from '../common/beijing-time';
import type { Prng } from './prng';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A counter start that a restarted simulator has not used yet: hundredths of a second since the Beijing
 * day began. Every id with a counter also carries the Beijing date, so a restart later the same day
 * starts above every counter of the earlier run unless that run minted more than 100 ids a second on
 * average (issue 10 point 7: a sandbox restart with seed 1 replayed transaction_ids, and the till's
 * UNIQUE receipt index refused the new payments).
 */
export function idCounterStartAt(now: number): number {
  const dayMs = 86_400_000;
  const beijingMs = now + 8 * 3_600_000;
  return Math.floor((((beijingMs % dayMs) + dayMs) % dayMs) / 10);
}

export class IdMint {
  private seq: number;
  /** counterStart: where the id counters begin (0 replays a run from its seed; see idCounterStartAt). */
  constructor(
    private readonly prng: Prng,
    counterStart = 0,
  ) {
    this.seq = counterStart;
  }

  private chars(n: number, alphabet = ALNUM): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.prng.int(alphabet.length)];
    return out;
  }

  private digits(n: number): string {
    return this.chars(n, '0123456789');
  }

  /** The shared counter only grows; each id shows its last `width` digits (a narrow id never winds a wide one back). */
  private counter(width: number): string {
    this.seq += 1;
    return String(this.seq % 10 ** width).padStart(width, '0');
  }

  nonce(): string {
    return this.chars(32);
  }

  /** 28 digits: 4200000 + yyyyMMdd + counter + random. */
  transactionId(now: number): string {
    return `4200000${formatBeijing(now).slice(0, 8)}${this.counter(7)}${this.digits(6)}`;
  }

  /** 29 digits, as refund ids are. */
  refundId(now: number): string {
    return `5030000${formatBeijing(now).slice(0, 8)}${this.counter(7)}${this.digits(7)}`;
  }

  /** 36 chars like wx201410272009395522657a690389285100. */
  prepayId(now: number): string {
    return `wx${formatBeijing(now)}${this.counter(6)}${this.chars(14).toLowerCase()}`;
  }

  /** weixin://wxpay/bizpayurl?pr=XXXXXXX (caller re-draws on a clash). */
  codeUrl(): string {
    return `weixin://wxpay/bizpayurl?pr=${this.chars(7)}`;
  }

  openid(): string {
    return `o${this.chars(27)}`;
  }

  /** 18 digits starting 13 (^1[0-5]\d{16}$). */
  authCode(): string {
    return `13${this.counter(6)}${this.digits(10)}`;
  }

  /** A sandbox sign key for a merchant: 32 lowercase hex chars, stable per run. */
  hex32(): string {
    return this.chars(32, '0123456789abcdef');
  }
}
