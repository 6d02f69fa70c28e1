// A local PostgreSQL run from Debian's binaries (apt-get install postgresql): `wxpay-pos hq --local-pg DIR`
// and the test suites use it. initdb refuses to run as root, so as root the server runs as the `postgres`
// user. The data directory is made on first use and reused after; the socket lives beside it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface LocalPg {
  readonly url: string;
  readonly port: number;
  /** A fresh empty database on this server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Immediate stop (like a crash) then start again on the same data and port. */
  restart(): void;
  stopNow(): void;
  start(): void;
  /** Clean stop; a temporary data directory is removed. */
  close(): void;
}

export function findPgBin(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    };
  } catch {
    throw new Error('running as root and there is no `postgres` user to run PostgreSQL as (apt-get install postgresql creates it)');
  }
}

export interface LocalPgOptions {
  /** Keep the data here (made on first use). Absent: a temporary directory removed by close(). */
  readonly dir?: string;
  readonly port?: number;
  /** Test speed: no fsync (never for real data). */
  readonly fast?: boolean;
}

/** Starts PostgreSQL, or returns why it cannot. */
export async function startLocalPg(o: LocalPgOptions = {}): Promise<LocalPg | { reason: string }> {
  const bin = findPgBin();
  if (!bin) return { reason: 'no PostgreSQL found under /usr/lib/postgresql (apt-get install postgresql)' };
  let who: { uid: number; gid: number } | null;
  try {
    who = postgresUser();
  } catch (e) {
    return { reason: (e as Error).message };
  }
  const temporary = o.dir === undefined;
  const dir = o.dir ? resolve(o.dir) : mkdtempSync(join(tmpdir(), 'wxpay-pg-'));
  mkdirSync(dir, { recursive: true });
  if (who) chownSync(dir, who.uid, who.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const opts = { ...(who ?? {}), encoding: 'utf8' as const, env: { ...process.env, LC_ALL: 'C' } };
  if (!existsSync(join(data, 'PG_VERSION'))) {
    const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', ...(o.fast ? ['--no-sync'] : [])], opts);
    if (init.status !== 0) {
      if (temporary) rmSync(dir, { recursive: true, force: true });
      return { reason: `initdb failed: ${init.stderr || init.error?.message}` };
    }
  }
  const port = o.port ?? (await freePort());
  const fast = o.fast ? ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off' : '';
  const pgOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
  const ctl = (args: string[]): ReturnType<typeof spawnSync> => spawnSync(join(bin, 'pg_ctl'), ['-D', data, ...args], opts);
  const start = (): void => {
    const r = ctl(['-o', pgOpts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    if (r.status !== 0) throw new Error(`pg_ctl start failed: ${String(r.stderr)}${String(r.stdout)}`);
  };
  const stopNow = (): void => void ctl(['-m', 'immediate', '-w', 'stop']);
  try {
    start();
  } catch (e) {
    if (temporary) rmSync(dir, { recursive: true, force: true });
    return { reason: (e as Error).message };
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let closed = false;
  return {
    url: `${base}/postgres`,
    port,
    async createDatabase(name: string): Promise<string> {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      try {
        const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${name.replace(/[^a-zA-Z0-9_]/g, '')}"`);
      } finally {
        await c.end();
      }
      return `${base}/${name}`;
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
      ctl(['-m', 'fast', '-w', 'stop']);
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}
