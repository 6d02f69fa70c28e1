// `wxpay-pos hq`: the head-office service (issue 16) on PostgreSQL from DATABASE_URL, or on a local
// PostgreSQL it runs itself (--local-pg, Debian's postgresql package). Subcommands for the owner at HQ:
//   wxpay-pos hq [serve] [--port N] [--host H] [--data DIR] [--cert FILE --key FILE] [--local-pg] [--pg-port N]
//   wxpay-pos hq code --name NAME     a one-time enrolment code for a new till (and HQ's certificate fingerprint)
//   wxpay-pos hq revoke TILL_ID       refuse that till from now on
//   wxpay-pos hq migrate              bring the schema up to date and exit
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrateHq } from '../hq/db/migrate';
import { startLocalPg } from '../hq/local-pg';
import { createHqPool, startHqServer } from '../hq/server';
import { createEnrolCode, ensureOwnerKey, revokeTill } from '../hq/tills';
import { fingerprintOf, loadOrCreateCert, type HqCert } from '../hq/tls-cert';

export interface HqIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `usage: wxpay-pos hq [serve] [--port N] [--host H] [--data DIR] [--cert FILE --key FILE] [--local-pg] [--pg-port N]
       wxpay-pos hq code --name NAME [--data DIR] [--local-pg]
       wxpay-pos hq revoke TILL_ID [--local-pg]
       wxpay-pos hq migrate [--local-pg]
PostgreSQL: DATABASE_URL=postgres://user:pass@host/db, or --local-pg (runs Debian's PostgreSQL in DIR/pg).
The owner key (for the web page) is printed once at first start; HQ_OWNER_KEY=... adds one you choose.`;

interface HqArgs {
  sub: 'serve' | 'code' | 'revoke' | 'migrate';
  port: number;
  host: string;
  data: string;
  cert?: string;
  key?: string;
  localPg: boolean;
  pgPort: number;
  name: string;
  tillId: string;
}

export function parseHqArgs(argv: readonly string[]): { ok: true; value: HqArgs } | { ok: false; message: string } {
  const out: HqArgs = { sub: 'serve', port: 8443, host: '0.0.0.0', data: 'wxpay-hq', localPg: false, pgPort: 5439, name: '', tillId: '' };
  const rest = [...argv];
  if (rest[0] && !rest[0].startsWith('-')) {
    const s = rest.shift()!;
    if (s !== 'serve' && s !== 'code' && s !== 'revoke' && s !== 'migrate') return { ok: false, message: `unknown hq command '${s}'` };
    out.sub = s;
    if (s === 'revoke') {
      const id = rest.shift();
      if (!id || id.startsWith('-')) return { ok: false, message: 'revoke needs the till id (see the web page)' };
      out.tillId = id;
    }
  }
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const next = (): string => rest[++i] ?? '';
    const num = (v: string): number | null => (/^\d{1,5}$/.test(v) && Number(v) <= 65535 ? Number(v) : null);
    switch (a) {
      case '--port': { const p = num(next()); if (p === null) return { ok: false, message: '--port needs a number 0..65535' }; out.port = p; break; }
      case '--pg-port': { const p = num(next()); if (p === null) return { ok: false, message: '--pg-port needs a number 1..65535' }; out.pgPort = p; break; }
      case '--host': out.host = next(); break;
      case '--data': out.data = next(); break;
      case '--cert': out.cert = next(); break;
      case '--key': out.key = next(); break;
      case '--name': out.name = next(); break;
      case '--local-pg': out.localPg = true; break;
      case '-h': case '--help': return { ok: false, message: '' };
      default: return { ok: false, message: `unknown option '${String(a)}'` };
    }
  }
  if ((out.cert === undefined) !== (out.key === undefined)) return { ok: false, message: '--cert and --key go together' };
  if (out.sub === 'code' && out.name.trim() === '') return { ok: false, message: 'code needs --name (the till\'s name, e.g. "Counter 2")' };
  return { ok: true, value: out };
}

function waitForStop(signal?: AbortSignal): Promise<void> {
  return new Promise((res) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      res();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs the command; `serve` runs until SIGINT/SIGTERM (or opts.signal, for tests). Returns the exit code. */
export async function run(argv: string[], io: HqIo, opts: { signal?: AbortSignal; env?: NodeJS.ProcessEnv; onListening?: (url: string) => void } = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const parsed = parseHqArgs(argv);
  if (!parsed.ok) {
    if (parsed.message) io.stderr(parsed.message);
    io.stderr(USAGE);
    return parsed.message ? 2 : 0;
  }
  const a = parsed.value;
  const data = resolve(a.data);
  let databaseUrl = env.DATABASE_URL ?? '';
  let stopPg: (() => void) | null = null;
  if (a.localPg) {
    if (a.sub === 'serve' || a.sub === 'migrate') {
      const pg = await startLocalPg({ dir: join(data, 'pg'), port: a.pgPort });
      if ('reason' in pg) {
        io.stderr(`hq: could not start the local PostgreSQL: ${pg.reason}`);
        return 1;
      }
      stopPg = () => pg.close();
      databaseUrl = await pg.createDatabase('wxpay_hq');
    } else {
      databaseUrl = `postgres://postgres@127.0.0.1:${a.pgPort}/wxpay_hq`; // the one `hq --local-pg` runs
    }
  }
  if (!databaseUrl) {
    io.stderr('hq: set DATABASE_URL (postgres://user:pass@host:5432/db) or pass --local-pg\n总部需要 PostgreSQL：设置 DATABASE_URL 或使用 --local-pg');
    return 2;
  }
  const pool = createHqPool(databaseUrl);
  try {
    const m = await migrateHq(pool);
    if (a.sub === 'migrate') {
      io.stdout(`HQ schema: ${m.from} → ${m.to}`);
      return 0;
    }
    if (a.sub === 'code') {
      const cert = loadOrCreateCert(data);
      const code = await createEnrolCode(pool, a.name.trim());
      io.stdout(`enrolment code for "${a.name.trim()}" (valid 30 minutes, once): ${code}\nHQ certificate fingerprint: ${cert.fingerprint}`);
      return 0;
    }
    if (a.sub === 'revoke') {
      const done = await revokeTill(pool, a.tillId);
      io.stdout(done ? `till ${a.tillId} revoked` : `no active till ${a.tillId}`);
      return done ? 0 : 1;
    }
    let cert: HqCert;
    if (a.cert && a.key) {
      const c = readFileSync(a.cert, 'utf8');
      cert = { cert: c, key: readFileSync(a.key, 'utf8'), fingerprint: fingerprintOf(c) };
    } else {
      cert = loadOrCreateCert(data);
    }
    const ownerKey = await ensureOwnerKey(pool, env.HQ_OWNER_KEY);
    const log = {
      info: (msg: string, f?: object) => io.stdout(`${new Date().toISOString()} ${msg} ${f ? JSON.stringify(f) : ''}`),
      warn: (msg: string, f?: object) => io.stderr(`${new Date().toISOString()} WARN ${msg} ${f ? JSON.stringify(f) : ''}`),
      error: (msg: string, f?: object) => io.stderr(`${new Date().toISOString()} ERROR ${msg} ${f ? JSON.stringify(f) : ''}`),
    };
    // issue 16.4 (i16-xrefund): HQ_RESERVATION_TTL_HOURS overrides how long a refund reservation holds its amount
    const ttlHours = Number(env.HQ_RESERVATION_TTL_HOURS ?? '');
    const reservationTtlMs = Number.isFinite(ttlHours) && ttlHours > 0 ? ttlHours * 3_600_000 : undefined;
    const server = await startHqServer({ pool, cert, log, reservationTtlMs }, a.port, a.host);
    io.stdout(
      [
        'wxpay-pos head office',
        `  web page and till API: ${server.url}   (schema ${m.to})`,
        `  certificate fingerprint (tills pin it): ${cert.fingerprint}`,
        ...(ownerKey ? ['', `  OWNER KEY (shown once, keep it safe; the page asks for it): ${ownerKey}`] : []),
        '',
        'Ctrl-C stops it.',
      ].join('\n'),
    );
    opts.onListening?.(server.url);
    await waitForStop(opts.signal);
    await server.close();
    io.stdout('head office stopped');
    return 0;
  } catch (e) {
    io.stderr(`hq: ${(e as Error).message}`);
    return 1;
  } finally {
    await pool.end().catch(() => undefined);
    stopPg?.();
  }
}
