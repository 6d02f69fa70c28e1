// A real PostgreSQL for the HQ suites, started by the test run itself in a temporary data directory and
// stopped afterwards. initdb refuses to run as root, so as root the server runs as the `postgres` user
// (Debian's package creates it). When no PostgreSQL is installed the suites skip and say why, except in
// CI (WXPAY_REQUIRE_PG=1, set by .ci/run), where a missing server is a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  readonly url: string;
  readonly port: number;
  /** A fresh empty database on this server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** pg_ctl stop -m immediate then start again (same data, same port): a crash and restart. */
  restart(): void;
  stopNow(): void;
  start(): void;
  close(): void;
}

export const REQUIRE_PG = process.env.WXPAY_REQUIRE_PG === '1';

/** The bin folder of the newest installed PostgreSQL, or null. */
export function findPgBin(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root and there is no `postgres` user to run PostgreSQL as');
  }
}

/** Starts PostgreSQL, or returns the reason it cannot (the caller skips, or fails under CI). */
export async function startPg(): Promise<PgServer | { reason: string }> {
  const bin = findPgBin();
  if (!bin) return { reason: 'no PostgreSQL found under /usr/lib/postgresql (apt-get install postgresql) — PG suites skipped' };
  let who: { uid: number; gid: number } | null;
  try {
    who = runAs();
  } catch (e) {
    return { reason: (e as Error).message };
  }
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-pg-'));
  const data = join(dir, 'data');
  if (who) {
    chownSync(dir, who.uid, who.gid);
    chmodSync(dir, 0o700);
  }
  const opts = { ...(who ?? {}), encoding: 'utf8' as const, env: { ...process.env, LC_ALL: 'C' } };
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'], opts);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `initdb failed: ${init.stderr || init.error?.message}` };
  }
  const port = await freePort();
  const pgOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = (): void => {
    const r = spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-o', pgOpts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'], opts);
    if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.stderr}${r.stdout}`);
  };
  const stopNow = (): void => {
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], opts);
  };
  try {
    start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: (e as Error).message };
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let closed = false;
  return {
    url,
    port,
    async createDatabase(name: string): Promise<string> {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    restart(): void {
      stopNow();
      start();
    },
    stopNow,
    start,
    close(): void {
      if (closed) return;
      closed = true;
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], opts);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a describe block: starts PostgreSQL once; `ready()` tells a test whether to run (and the skip reason
 * was printed). Under WXPAY_REQUIRE_PG=1 an unavailable server throws instead.
 */
export async function pgOrSkip(): Promise<PgServer | null> {
  const r = await startPg();
  if ('reason' in r) {
    if (REQUIRE_PG) throw new Error(`PostgreSQL is required (WXPAY_REQUIRE_PG=1) but: ${r.reason}`);
    console.warn(`[skip] ${r.reason}`);
    return null;
  }
  return r;
}
