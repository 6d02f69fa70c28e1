// Durable identities for money-moving requests (reliability.md §0.1). out_trade_no and out_refund_no are
// WeChat's only idempotency keys, so they must be unique for ever on this till and valid per the
// parameter rules: at most 32 characters from [0-9A-Za-z_-|*] (wxpay-v2.md §7 step 1).
import { formatBeijing } from '../common/beijing-time';
import type { Clock } from '../common/clock';

export interface IdSource {
  outTradeNo(): string;
  outRefundNo(): string;
  /** Local row ids (sales, attempts, receipts, refunds, alerts); prefix says what it is. */
  id(prefix: string): string;
}

export const OUT_NO_PATTERN = /^[0-9A-Za-z_\-|*]{1,32}$/;

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomChars(n: number, random: () => number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += BASE36[Math.floor(random() * 36) % 36];
  return s;
}

/** yyMMddHHmmssSSS in Beijing time, so a number read off a bill sorts by the local business day. */
function beijingStamp(ms: number): string {
  const whole = Math.floor(ms);
  return formatBeijing(whole).slice(2) + String(((whole % 1000) + 1000) % 1000).padStart(3, '0');
}

/** Till ids are free text; keep only characters WeChat accepts, at most 8 of them. */
export function tillTag(tillId: string): string {
  const t = tillId.replace(/[^0-9A-Za-z]/g, '').slice(0, 8);
  return t.length > 0 ? t : 'T';
}

/**
 * Production id source: letter + till tag + Beijing timestamp (ms) + per-process counter + random.
 * The counter separates ids minted in the same millisecond; the random part separates processes
 * (a restart resets the counter). Max length 1 + 8 + 15 + 2 + 4 = 30.
 */
export function createIdSource(opts: {
  tillId: () => string;
  clock: Clock;
  random?: () => number;
}): IdSource {
  const random = opts.random ?? Math.random;
  let counter = 0;
  const next = (): string => {
    counter = (counter + 1) % (36 * 36);
    return BASE36[Math.floor(counter / 36)]! + BASE36[counter % 36]!;
  };
  const outNo = (letter: string): string =>
    letter + tillTag(opts.tillId()) + beijingStamp(opts.clock.now()) + next() + randomChars(4, random);
  return {
    outTradeNo: () => outNo('P'),
    outRefundNo: () => outNo('R'),
    id: (prefix) => `${prefix}_${opts.clock.now().toString(36)}${next()}${randomChars(6, random)}`,
  };
}

/**
 * Deterministic id source for tests: plain counters behind a fixed tag. Two sources with different
 * tags never collide (e.g. one per restarted engine in a crash test).
 */
export function createSequentialIdSource(tag = 'T'): IdSource {
  let n = 0;
  const safe = tag.replace(/[^0-9A-Za-z]/g, '').slice(0, 12) || 'T';
  return {
    outTradeNo: () => `P${safe}${String(++n).padStart(8, '0')}`,
    outRefundNo: () => `R${safe}${String(++n).padStart(8, '0')}`,
    id: (prefix) => `${prefix}_${safe}${++n}`,
  };
}
