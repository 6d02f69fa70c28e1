// The one first-send path (src/core/checkout/send-first.ts) and the query-answer reading shared by the
// charge and refund watchers.
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../src/common/result';
import { readQueryAnswer } from '../../../src/core/checkout/query-answer';
import { classifySend, sendFirst, type SendVerdict } from '../../../src/core/checkout/send-first';

type V = SendVerdict<string, 'GATEWAY_ERROR'>;
const RETRY: V = fail({ kind: 'retry' });

/** Runs sendFirst over a script of verdicts; returns the result and how many sends were made. */
async function run(script: readonly (V | null | 'throw')[], inlineRetries = 2) {
  let sends = 0;
  const thrown: unknown[] = [];
  const result = await sendFirst(
    async (i) => {
      expect(i).toBe(sends);
      const v = script[Math.min(sends++, script.length - 1)]!;
      if (v === 'throw') throw new Error('socket hang up');
      return v;
    },
    classifySend,
    { inlineRetries },
    (e) => thrown.push(e),
  );
  return { result, sends, thrown };
}

describe('sendFirst', () => {
  it('retry-same goes again at once, at most inlineRetries more times, then hands over', async () => {
    expect(await run([RETRY], 2)).toMatchObject({ result: ok(null), sends: 3 });
    expect(await run([RETRY], 0)).toMatchObject({ result: ok(null), sends: 1 });
    expect(await run([RETRY, ok('code')], 2)).toMatchObject({ result: ok(null), sends: 2 });
  });

  it('an answer, an unknown outcome or a held rejection hand over after one send', async () => {
    for (const v of [ok('code'), fail({ kind: 'unknown' }), fail({ kind: 'held', code: 'GATEWAY_ERROR', message: 'x' })] as V[]) {
      expect(await run([v, RETRY])).toMatchObject({ result: ok(null), sends: 1 });
    }
  });

  it('a rejection ends the request with its code and message (also after a retry)', async () => {
    const rejected: V = fail({ kind: 'rejected', code: 'GATEWAY_ERROR', message: '余额不足' });
    const r = await run([RETRY, rejected]);
    expect(r.sends).toBe(2);
    expect(r.result).toEqual({ ok: false, kind: 'rejected', code: 'GATEWAY_ERROR', message: '余额不足' });
  });

  it('a send that throws is reported and handed over; nothing to send (null) stops at once', async () => {
    const t = await run(['throw', RETRY]);
    expect(t).toMatchObject({ result: ok(null), sends: 1 });
    expect(t.thrown).toHaveLength(1);
    expect(await run([RETRY, null, RETRY])).toMatchObject({ result: ok(null), sends: 2 });
  });
});

describe('readQueryAnswer', () => {
  it('maps ok to the value, the not-exist code to notexist, everything else to trouble', () => {
    expect(readQueryAnswer({ kind: 'ok', value: 7 }, 'ORDERNOTEXIST')).toEqual(ok(7));
    expect(readQueryAnswer({ kind: 'fail', errCode: 'ORDERNOTEXIST', errCodeDes: '' }, 'ORDERNOTEXIST')).toEqual(
      fail({ kind: 'notexist' }),
    );
    // another record's "not exist" is not this one's
    expect(readQueryAnswer({ kind: 'fail', errCode: 'ORDERNOTEXIST', errCodeDes: 'd' }, 'REFUNDNOTEXIST')).toEqual(
      fail({ kind: 'trouble', reason: 'ORDERNOTEXIST d' }),
    );
    for (const kind of ['unknown', 'retry-same', 'fix'] as const) {
      expect(readQueryAnswer<number>({ kind, code: 'X', message: `m-${kind}` }, 'ORDERNOTEXIST')).toEqual(
        fail({ kind: 'trouble', reason: `m-${kind}` }),
      );
    }
  });
});
