// A real PostgreSQL for the HQ suites, started by the test run itself in a temporary data directory
// (src/hq/local-pg.ts) and stopped afterwards. Without PostgreSQL the suites skip and print why, except
// in CI (WXPAY_REQUIRE_PG=1, set by .ci/run), where a missing server is a failure.
import { startLocalPg, type LocalPg } from '../../src/hq/local-pg';

export type PgServer = LocalPg;

export const REQUIRE_PG = process.env.WXPAY_REQUIRE_PG === '1';

export async function pgOrSkip(): Promise<PgServer | null> {
  const r = await startLocalPg({ fast: true });
  if ('reason' in r) {
    if (REQUIRE_PG) throw new Error(`PostgreSQL is required here (WXPAY_REQUIRE_PG=1) but: ${r.reason}`);
    console.warn(`[skip] HQ PostgreSQL suites: ${r.reason}`);
    return null;
  }
  return r;
}
