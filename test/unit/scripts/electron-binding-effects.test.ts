// The binding step's real effects with the processes stubbed (no download, no compiler): prebuild-install and
// node-gyp are asked for the right target, in a scratch folder, never in node_modules; the toolchain probe
// says what is missing; install writes the binding and its stamp.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BindingTarget } from '../../../src/common/electron-binding';
import { childEnv, realEffects, type Spawn } from '../../../scripts/electron-binding-effects';
import type { Probe } from '../../../scripts/electron-binding-plan';
import { fakeElf } from './fake-binaries';

const target: BindingTarget = { electron: '45.5.0', abi: '150', platform: process.platform, arch: process.arch, betterSqlite3: '12.11.1' };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project with just enough node_modules: better-sqlite3 (with a Node build that must stay put), prebuild-install, node-gyp. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'pos-binding-fx-'));
  dirs.push(root);
  const put = (rel: string, text: string | Uint8Array): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  put('package.json', '{"name":"wxpay-pos"}');
  put('node_modules/better-sqlite3/package.json', '{"name":"better-sqlite3","version":"12.11.1"}');
  put('node_modules/better-sqlite3/binding.gyp', '{}');
  put('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'NODE-ABI BUILD');
  put('node_modules/prebuild-install/package.json', '{"name":"prebuild-install","version":"7.1.3"}');
  put('node_modules/prebuild-install/bin.js', '');
  put('node_modules/node-gyp/package.json', '{"name":"node-gyp","version":"11.0.0"}');
  put('node_modules/node-gyp/bin/node-gyp.js', '');
  return root;
}

type Call = { cmd: string; args: readonly string[]; cwd: string; env: NodeJS.ProcessEnv; cwdFiles: string[] };
function spawnThat(writes: boolean, stderr = ''): { spawn: Spawn; calls: Call[] } {
  const calls: Call[] = [];
  const spawn: Spawn = (cmd, args, opts) => {
    calls.push({ cmd, args, cwd: opts.cwd, env: opts.env, cwdFiles: readdirSync(opts.cwd) });
    if (writes) {
      mkdirSync(join(opts.cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(join(opts.cwd, 'build', 'Release', 'better_sqlite3.node'), fakeElf('x64'));
    }
    return { status: writes ? 0 : 1, signal: null, stdout: '', stderr, error: undefined };
  };
  return { spawn, calls };
}

describe('realEffects', () => {
  it('prebuilt: prebuild-install for the Electron runtime and target, in a scratch copy of package.json, without npm lifecycle variables', async () => {
    const root = project();
    const { spawn, calls } = spawnThat(true);
    const fx = realEffects({ root, outDir: join(root, 'build', 'electron-native'), spawn, env: { PATH: '/bin', npm_package_from: 'git+x', npm_config_build_from_source: 'true', HOME: '/h' }, log: () => undefined });
    const got = await fx.prebuilt(target);
    expect(got.ok).toBe(true);
    const call = calls[0] as Call;
    expect(call.args[0]).toBe(join(root, 'node_modules', 'prebuild-install', 'bin.js'));
    expect(call.args.slice(1)).toEqual(['--runtime', 'electron', '--target', '45.5.0', '--arch', process.arch, '--platform', process.platform, '--verbose']);
    expect(call.cwd.startsWith(root)).toBe(false);
    expect(call.cwdFiles).toEqual(['package.json']);
    expect(call.env).toEqual({ PATH: '/bin', HOME: '/h' });
    expect(readFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe('NODE-ABI BUILD');
    fx.cleanup();
    expect(existsSync(call.cwd)).toBe(false);
  });

  it('prebuilt unavailable: the downloader’s own reason', async () => {
    const root = project();
    const { spawn } = spawnThat(false, 'prebuild-install info begin\nprebuild-install warn install getaddrinfo ENOTFOUND github.com\n');
    const fx = realEffects({ root, outDir: join(root, 'out'), spawn, env: {}, log: () => undefined });
    expect(await fx.prebuilt(target)).toEqual({ ok: false, why: 'prebuild-install: install getaddrinfo ENOTFOUND github.com' });
  });

  it('compile: node-gyp for the Electron runtime in a scratch copy of the sources without their build/', async () => {
    const root = project();
    const { spawn, calls } = spawnThat(true);
    const fx = realEffects({ root, outDir: join(root, 'out'), spawn, env: {}, log: () => undefined });
    expect((await fx.compile(target)).ok).toBe(true);
    const call = calls[0] as Call;
    expect(call.args[0]).toBe(join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    expect(call.args).toEqual(expect.arrayContaining(['rebuild', '--release', '--target=45.5.0', '--runtime=electron', `--arch=${process.arch}`]));
    expect(call.cwd.startsWith(root)).toBe(false);
    expect(call.cwdFiles.sort()).toEqual(['binding.gyp', 'package.json']);
    expect(readFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe('NODE-ABI BUILD');
  });

  it('toolchain: names what is missing; another platform cannot be compiled for; headers must be reachable', async () => {
    const root = project();
    const fx = (env: NodeJS.ProcessEnv, reachable: (url: string) => Promise<Probe> = async () => ({ ok: false, why: 'https://h is unreachable (ENOTFOUND)' })) =>
      realEffects({ root, outDir: join(root, 'out'), env, reachable, log: () => undefined });
    if (process.platform !== 'win32') {
      expect(await fx({ PATH: '' }).toolchain(target)).toEqual({ ok: false, why: 'no C++ toolchain: Python 3, a C++ compiler, make not found on PATH' });
      const bin = join(root, 'bin');
      mkdirSync(bin);
      for (const t of ['python3', 'c++', 'make']) writeFileSync(join(bin, t), '');
      const probe = await fx({ PATH: bin }).toolchain({ ...target, electron: '0.0.0-never-installed' });
      expect(probe).toEqual({ ok: false, why: 'the Electron headers are needed and https://h is unreachable (ENOTFOUND)' });
      expect(await fx({ PATH: bin }, async () => ({ ok: true })).toolchain(target)).toEqual({ ok: true });
    }
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    expect(await fx({}).toolchain({ ...target, platform: other })).toEqual({ ok: false, why: `node-gyp cannot compile for ${other} on ${process.platform}` });
  });

  it('install: the binding and its stamp into the output folder', () => {
    const root = project();
    const src = join(root, 'x.node');
    writeFileSync(src, fakeElf('x64'));
    const outDir = join(root, 'build', 'electron-native');
    realEffects({ root, outDir, env: {}, log: () => undefined }).install(src, { ...target, source: 'prebuilt' });
    expect(readFileSync(join(outDir, 'better_sqlite3.node'))).toEqual(Buffer.from(fakeElf('x64')));
    expect(JSON.parse(readFileSync(join(outDir, 'stamp.json'), 'utf8'))).toMatchObject({ electron: '45.5.0', abi: '150', source: 'prebuilt' });
  });

  it('childEnv drops npm’s lifecycle variables only', () => {
    expect(childEnv({ PATH: 'p', npm_package_name: 'x', npm_lifecycle_event: 'prestart', npm_config_build_from_source: 'true', npm_config_cache: 'c' })).toEqual({ PATH: 'p', npm_config_cache: 'c' });
  });
});
