// Till enrolment and authentication. The owner makes a one-time code (shown once at HQ); the till trades
// it over TLS for its own bearer token; HQ keeps only hashes. A revoked or unknown token is refused.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { HqRefusal } from '../common/hq-sync';
import { fail, ok, type Result } from '../common/result';
import { newEnrolCode, newToken, normaliseCode, sha256 } from './secrets';

export const ENROL_CODE_TTL_MS = 30 * 60_000;

export interface TillIdentity {
  readonly id: string;
  readonly shopId: string;
  readonly name: string;
}

export async function createEnrolCode(pool: pg.Pool, tillName: string, shopId = 'main', ttlMs = ENROL_CODE_TTL_MS): Promise<string> {
  const code = newEnrolCode();
  await pool.query(
    "INSERT INTO enrol_codes (code_hash, shop_id, till_name, expires_at) VALUES ($1, $2, $3, now() + ($4 || ' milliseconds')::interval)",
    [sha256(normaliseCode(code)), shopId, tillName, String(ttlMs)],
  );
  return code;
}

/** Uses the code once: a new till and its token. A used, expired or unknown code is refused. */
export async function enrolTill(pool: pg.Pool, code: string): Promise<Result<{ tillId: string; token: string; name: string }, HqRefusal>> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const r = await c.query<{ shop_id: string; till_name: string }>(
      'SELECT shop_id, till_name FROM enrol_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE',
      [sha256(normaliseCode(code))],
    );
    const row = r.rows[0];
    if (!row) {
      await c.query('ROLLBACK');
      return fail({ code: 'BAD_CODE', message: '登记码无效、已使用或已过期 / the enrolment code is unknown, used or expired' });
    }
    const tillId = `till-${randomUUID()}`;
    const token = newToken();
    await c.query('INSERT INTO tills (id, shop_id, name, token_hash) VALUES ($1, $2, $3, $4)', [tillId, row.shop_id, row.till_name, sha256(token)]);
    await c.query('UPDATE enrol_codes SET used_at = now(), till_id = $2 WHERE code_hash = $1', [sha256(normaliseCode(code)), tillId]);
    await c.query('COMMIT');
    return ok({ tillId, token, name: row.till_name });
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

export async function authenticateTill(pool: pg.Pool, token: string | null): Promise<Result<TillIdentity, HqRefusal>> {
  if (!token) return fail({ code: 'UNAUTHENTICATED', message: '缺少收银机凭证 / no till credential' });
  const r = await pool.query<{ id: string; shop_id: string; name: string; revoked_at: Date | null }>(
    'SELECT id, shop_id, name, revoked_at FROM tills WHERE token_hash = $1',
    [sha256(token)],
  );
  const t = r.rows[0];
  if (!t) return fail({ code: 'UNAUTHENTICATED', message: '未知的收银机 / unknown till' });
  if (t.revoked_at) return fail({ code: 'REVOKED', message: '此收银机已被总部停用 / this till was revoked at head office' });
  return ok({ id: t.id, shopId: t.shop_id, name: t.name });
}

export async function revokeTill(pool: pg.Pool, tillId: string): Promise<boolean> {
  const r = await pool.query('UPDATE tills SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [tillId]);
  return (r.rowCount ?? 0) > 0;
}

/** Owner keys: the first start makes one and prints it once; HQ keeps its hash. */
export async function ensureOwnerKey(pool: pg.Pool, given?: string): Promise<string | null> {
  if (given) {
    await pool.query("INSERT INTO owner_keys (key_hash, label) VALUES ($1, 'given') ON CONFLICT DO NOTHING", [sha256(given)]);
    return null;
  }
  const n = await pool.query<{ n: string }>('SELECT count(*) AS n FROM owner_keys');
  if (Number(n.rows[0]?.n ?? 0) > 0) return null;
  const key = newToken();
  await pool.query("INSERT INTO owner_keys (key_hash, label) VALUES ($1, 'first start')", [sha256(key)]);
  return key;
}

export async function isOwner(pool: pg.Pool, key: string | null): Promise<boolean> {
  if (!key) return false;
  const r = await pool.query('SELECT 1 FROM owner_keys WHERE key_hash = $1', [sha256(key)]);
  return (r.rowCount ?? 0) > 0;
}
