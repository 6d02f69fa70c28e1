// The real effects behind the binding step (scripts/electron-binding-plan.ts decides): prebuild-install (the
// downloader better-sqlite3's own install script uses, resolved from better-sqlite3's dependencies) and
// node-gyp, each run in a scratch copy so node_modules' Node-ABI build is never touched.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, sep } from 'node:path';
import { ELECTRON_BINDING_FILE, ELECTRON_BINDING_STAMP, type BindingTarget } from '../src/common/electron-binding';
import { readBinding } from '../src/cli/env-doctor/electron-install';
import type { Attempt, BindingEffects, Probe } from './electron-binding-plan';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export type Spawn = (cmd: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) => Pick<SpawnSyncReturns<string>, 'status' | 'signal' | 'stdout' | 'stderr' | 'error'>;

export const realSpawn: Spawn = (cmd, args, opts) =>
  spawnSync(cmd, [...args], { cwd: opts.cwd, env: opts.env, timeout: opts.timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export interface EffectsDeps {
  /** The project root (its node_modules holds better-sqlite3). */
  root: string;
  /** Where the binding goes (build/electron-native). */
  outDir: string;
  spawn?: Spawn;
  env?: NodeJS.ProcessEnv;
  /** Is the URL reachable (HEAD)? Injected in tests. */
  reachable?: (url: string) => Promise<Probe>;
  log?: (line: string) => void;
}

/** npm's lifecycle variables would make prebuild-install think it runs inside an install (or skip itself). */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^npm_(package|config_build_from_source|lifecycle)/i.test(k)) out[k] = v;
  return out;
}

function lastLines(r: Pick<SpawnSyncReturns<string>, 'status' | 'signal' | 'stdout' | 'stderr' | 'error'>): string {
  if (r.error) return r.error.message;
  const lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter((l) => /warn|err|fail/i.test(l));
  const tail = lines.at(-1) ?? `exit ${r.status ?? r.signal}`;
  return tail.replace(/^prebuild-install (warn|ERR!) /, '').replace(/^gyp (ERR!|info) /, '');
}

export function onPath(cmd: string, env: NodeJS.ProcessEnv, exists: (p: string) => boolean = existsSync): boolean {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  return (env['PATH'] ?? '').split(delimiter).some((d) => d !== '' && exts.some((e) => exists(join(d, cmd + e))));
}

async function headReachable(url: string): Promise<Probe> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000), redirect: 'follow' });
    return res.ok ? { ok: true } : { ok: false, why: `${url} answered HTTP ${res.status}` };
  } catch (error) {
    const e = error as { cause?: { code?: string }; name?: string };
    return { ok: false, why: `${url} is unreachable (${e.cause?.code ?? e.name ?? 'network error'})` };
  }
}

export function realEffects(deps: EffectsDeps): BindingEffects {
  const spawn = deps.spawn ?? realSpawn;
  const env = childEnv(deps.env ?? process.env);
  const reachable = deps.reachable ?? headReachable;
  const log = deps.log ?? ((l: string) => console.log(`electron-binding: ${l}`));
  const requireFromRoot = createRequire(join(deps.root, 'package.json'));
  const sqliteDir = dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
  const scratch: string[] = [];
  const newScratch = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'pos-electron-binding-'));
    scratch.push(d);
    return d;
  };

  return {
    current: () => readBinding(deps.outDir),
    async prebuilt(target): Promise<Attempt> {
      let bin: string;
      try {
        bin = createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
      } catch {
        return { ok: false, why: 'prebuild-install (a dependency of better-sqlite3) is not installed' };
      }
      // prebuild-install reads ./package.json (name, version, binary.host) and unpacks into ./build/Release.
      const work = newScratch();
      copyFileSync(join(sqliteDir, 'package.json'), join(work, 'package.json'));
      const args = [bin, '--runtime', 'electron', '--target', target.electron, '--arch', target.arch, '--platform', target.platform, '--verbose'];
      const r = spawn(process.execPath, args, { cwd: work, env, timeoutMs: 5 * 60_000 });
      const file = join(work, 'build', 'Release', ELECTRON_BINDING_FILE);
      if (r.status === 0 && existsSync(file)) return { ok: true, file };
      return { ok: false, why: `prebuild-install: ${lastLines(r)}` };
    },
    async toolchain(target): Promise<Probe> {
      if (target.platform !== process.platform) return { ok: false, why: `node-gyp cannot compile for ${target.platform} on ${process.platform}` };
      const missing: string[] = [];
      if (!['python3', 'python'].some((c) => onPath(c, env))) missing.push('Python 3');
      if (process.platform !== 'win32') {
        if (!['c++', 'g++', 'clang++'].some((c) => onPath(c, env))) missing.push('a C++ compiler');
        if (!onPath('make', env)) missing.push('make');
      }
      if (missing.length > 0) return { ok: false, why: `no C++ toolchain: ${missing.join(', ')} not found on PATH` };
      const devDir = join(homedir(), '.electron-gyp', target.electron);
      if (existsSync(join(devDir, 'include', 'node', 'node.h'))) return { ok: true };
      const headers = await reachable(`${ELECTRON_HEADERS_URL}/v${target.electron}/node-v${target.electron}-headers.tar.gz`);
      return headers.ok ? headers : { ok: false, why: `the Electron headers are needed and ${headers.why}` };
    },
    async compile(target): Promise<Attempt> {
      const work = newScratch();
      const src = join(work, 'better-sqlite3');
      // A private copy of the package source: node-gyp writes build/ there, never into node_modules.
      cpSync(sqliteDir, src, { recursive: true, filter: (p) => !p.startsWith(join(sqliteDir, 'build') + sep) && p !== join(sqliteDir, 'build') });
      let nodeGyp: string;
      try {
        nodeGyp = requireFromRoot.resolve('node-gyp/bin/node-gyp.js');
      } catch {
        return { ok: false, why: 'node-gyp is not installed' };
      }
      const args = [nodeGyp, 'rebuild', '--release', `--target=${target.electron}`, `--arch=${target.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`, '--runtime=electron', `--devdir=${join(homedir(), '.electron-gyp')}`];
      log(`compiling with node-gyp (a few minutes) in ${src}`);
      const r = spawn(process.execPath, args, { cwd: src, env, timeoutMs: 20 * 60_000 });
      const file = join(src, 'build', 'Release', ELECTRON_BINDING_FILE);
      if (r.status === 0 && existsSync(file)) return { ok: true, file };
      return { ok: false, why: `node-gyp: ${lastLines(r)}` };
    },
    head: (file) => readBinding(dirname(file)).head,
    install(file, stamp) {
      mkdirSync(deps.outDir, { recursive: true });
      copyFileSync(file, join(deps.outDir, ELECTRON_BINDING_FILE));
      writeFileSync(join(deps.outDir, ELECTRON_BINDING_STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
    },
    cleanup() {
      for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
    },
    now: () => new Date(),
    log,
  };
}
