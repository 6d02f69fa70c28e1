// The binding step's decisions with the downloads and the compiler stubbed: prebuilt available, toolchain
// only, neither, a stale binding, a binding for another architecture, and a download that is not for us.
import { describe, expect, it } from 'vitest';
import type { BindingStamp, BindingTarget } from '../../../src/common/electron-binding';
import { makeBinding, outcomeLine, type Attempt, type BindingEffects, type Probe } from '../../../scripts/electron-binding-plan';
import { fakeElf } from './fake-binaries';

const target: BindingTarget = { electron: '45.5.0', abi: '150', platform: 'linux', arch: 'x64', betterSqlite3: '12.11.1' };

interface Stubs {
  current?: { head: Uint8Array | null; stampText: string | null };
  prebuilt?: Attempt;
  toolchain?: Probe;
  compile?: Attempt;
  files?: Record<string, Uint8Array>;
}

function fake(s: Stubs) {
  const calls: string[] = [];
  const installed: Array<{ file: string; stamp: BindingStamp }> = [];
  const effects: BindingEffects = {
    current: () => s.current ?? { head: null, stampText: null },
    prebuilt: async () => (calls.push('prebuilt'), s.prebuilt ?? { ok: false, why: 'getaddrinfo ENOTFOUND github.com' }),
    toolchain: async () => (calls.push('toolchain'), s.toolchain ?? { ok: false, why: 'no C++ toolchain: a C++ compiler not found on PATH' }),
    compile: async () => (calls.push('compile'), s.compile ?? { ok: false, why: 'node-gyp: gyp ERR! build error' }),
    head: (file) => s.files?.[file] ?? null,
    install: (file, stamp) => void installed.push({ file, stamp }),
    cleanup: () => void calls.push('cleanup'),
    now: () => new Date('2026-11-29T05:00:00Z'),
    log: () => undefined,
  };
  return { effects, calls, installed };
}

const freshStamp = JSON.stringify({ ...target, source: 'prebuilt' });

describe('makeBinding', () => {
  it('fresh: nothing downloaded, nothing compiled', async () => {
    const f = fake({ current: { head: fakeElf('x64'), stampText: freshStamp } });
    expect(await makeBinding(target, f.effects)).toMatchObject({ kind: 'up-to-date' });
    expect(f.calls).toEqual([]);
    expect(f.installed).toEqual([]);
  });

  it('prebuilt available: installs it with a stamp, never probes the toolchain', async () => {
    const f = fake({ prebuilt: { ok: true, file: '/scratch/a/build/Release/better_sqlite3.node' }, files: { '/scratch/a/build/Release/better_sqlite3.node': fakeElf('x64') } });
    expect(await makeBinding(target, f.effects)).toEqual({ kind: 'made', source: 'prebuilt', was: 'missing' });
    expect(f.calls).toEqual(['prebuilt', 'cleanup']);
    expect(f.installed).toEqual([{ file: '/scratch/a/build/Release/better_sqlite3.node', stamp: { ...target, source: 'prebuilt', builtAt: '2026-11-29T05:00:00.000Z' } }]);
  });

  it('toolchain only: no prebuilt, compiles with node-gyp', async () => {
    const f = fake({ toolchain: { ok: true }, compile: { ok: true, file: '/scratch/b/out.node' }, files: { '/scratch/b/out.node': fakeElf('x64') } });
    expect(await makeBinding(target, f.effects)).toEqual({ kind: 'made', source: 'compiled', was: 'missing' });
    expect(f.calls).toEqual(['prebuilt', 'toolchain', 'compile', 'cleanup']);
    expect(f.installed[0]?.stamp.source).toBe('compiled');
  });

  it('neither: cannot, with both reasons, and nothing installed', async () => {
    const f = fake({});
    const outcome = await makeBinding(target, f.effects);
    expect(outcome).toEqual({
      kind: 'cannot',
      was: 'missing',
      reason: 'no prebuilt binary could be fetched (getaddrinfo ENOTFOUND github.com) and it cannot be compiled here (no C++ toolchain: a C++ compiler not found on PATH)',
    });
    expect(f.calls).toEqual(['prebuilt', 'toolchain', 'cleanup']);
    expect(f.installed).toEqual([]);
    expect(outcomeLine(outcome, target)).toMatch(/^the better-sqlite3 binding for Electron 45\.5\.0 \(ABI 150, linux-x64\) cannot be made on this machine: no prebuilt/);
  });

  it('a compile that fails is reported with node-gyp’s reason', async () => {
    const f = fake({ toolchain: { ok: true } });
    expect(await makeBinding(target, f.effects)).toMatchObject({ kind: 'cannot', reason: expect.stringContaining('compiling failed (node-gyp: gyp ERR! build error)') });
    expect(f.installed).toEqual([]);
  });

  it('stale (built for another Electron): replaced', async () => {
    const f = fake({ current: { head: fakeElf('x64'), stampText: JSON.stringify({ ...target, electron: '44.1.0', abi: '140' }) }, prebuilt: { ok: true, file: '/p' }, files: { '/p': fakeElf('x64') } });
    expect(await makeBinding(target, f.effects)).toEqual({ kind: 'made', source: 'prebuilt', was: 'stale' });
  });

  it('wrong architecture on disk: replaced', async () => {
    const f = fake({ current: { head: fakeElf('arm64'), stampText: freshStamp }, prebuilt: { ok: true, file: '/p' }, files: { '/p': fakeElf('x64') } });
    expect(await makeBinding(target, f.effects)).toEqual({ kind: 'made', source: 'prebuilt', was: 'wrong-arch' });
  });

  it('a downloaded binary for another architecture is refused, and the compiler is tried instead', async () => {
    const f = fake({ prebuilt: { ok: true, file: '/p' }, files: { '/p': fakeElf('arm64'), '/c': fakeElf('x64') }, toolchain: { ok: true }, compile: { ok: true, file: '/c' } });
    expect(await makeBinding(target, f.effects)).toEqual({ kind: 'made', source: 'compiled', was: 'missing' });
    expect(f.installed.map((i) => i.file)).toEqual(['/c']);
  });

  it('a downloaded binary for another architecture with no toolchain: cannot, saying why', async () => {
    const f = fake({ prebuilt: { ok: true, file: '/p' }, files: { '/p': fakeElf('arm64') } });
    const outcome = await makeBinding(target, f.effects);
    expect(outcome).toMatchObject({ kind: 'cannot', reason: expect.stringContaining('built for linux-arm64, but this machine needs linux-x64') });
    expect(f.installed).toEqual([]);
  });

  it('--force remakes a fresh binding', async () => {
    const f = fake({ current: { head: fakeElf('x64'), stampText: freshStamp }, prebuilt: { ok: true, file: '/p' }, files: { '/p': fakeElf('x64') } });
    expect(await makeBinding(target, f.effects, { force: true })).toEqual({ kind: 'made', source: 'prebuilt', was: 'fresh' });
  });
});
