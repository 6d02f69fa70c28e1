// Where main looks for better-sqlite3's Electron-ABI build (docs/electron-native.md).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ElectronBindingError, electronSqliteBinding, runningElectronTarget, type BindingFiles } from '../../../src/main/native-binding';
import { fakeElf } from '../scripts/fake-binaries';

describe('electronSqliteBinding', () => {
  it('dev: build/electron-native under the app folder, when present', () => {
    const expected = join('/repo', 'build', 'electron-native', 'better_sqlite3.node');
    expect(electronSqliteBinding('/repo', (p) => p === expected)).toBe(expected);
  });
  it('packaged: prefers the asar-unpacked copy (a .node cannot load from inside an asar)', () => {
    const unpacked = join('/opt/pos/resources/app.asar.unpacked', 'build', 'electron-native', 'better_sqlite3.node');
    expect(electronSqliteBinding('/opt/pos/resources/app.asar', () => true)).toBe(unpacked);
  });
  it('null when no Electron build exists (core then loads the default binding)', () => {
    expect(electronSqliteBinding('/repo', () => false)).toBeNull();
  });
});

// Under Electron the binding is judged before anything loads it: bad input stops the start with a plain
// message that names the fix, never an ABI stack trace (issue 17).

describe('electronSqliteBinding under Electron', () => {
  const target = { electron: '45.5.0', abi: '150', platform: 'linux', arch: 'x64' };
  const file = join('/repo', 'build', 'electron-native', 'better_sqlite3.node');
  const files = (head: Uint8Array | null, stamp: object | null): BindingFiles => ({
    exists: (p) => p === file && head !== null,
    head: () => head,
    text: () => (stamp === null ? null : JSON.stringify(stamp)),
  });
  const call = (appPath: string, f: BindingFiles) => () => electronSqliteBinding(appPath, f.exists, target, f);
  const thrown = (fn: () => unknown): ElectronBindingError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ElectronBindingError) return e;
      throw e;
    }
    throw new Error('did not throw');
  };

  it('the running Electron is the target; none outside Electron', () => {
    expect(runningElectronTarget({ ...process.versions, electron: '45.5.0', modules: '150' })).toEqual({ electron: '45.5.0', abi: '150', platform: process.platform, arch: process.arch });
    expect(runningElectronTarget({ ...process.versions, electron: undefined } as unknown as NodeJS.ProcessVersions)).toBeNull();
  });

  it('a fresh binding: its path', () => {
    expect(call('/repo', files(fakeElf('x64'), { ...target, betterSqlite3: '12.11.1' }))()).toBe(file);
  });

  it('an Electron binary without the binding: refused, with the command that makes it', () => {
    const e = thrown(call('/repo', files(null, null)));
    expect(e.message).toContain('无法启动：缺少为 Electron 编译的数据库组件');
    expect(e.message).toContain('Cannot start: the database library built for Electron is missing');
    expect(e.message).toContain('`node scripts/electron-binding.mjs`');
    expect(e.stack).toBe('');
  });

  it('a stale binding (another Electron): refused, naming both versions and the fix', () => {
    const e = thrown(call('/repo', files(fakeElf('x64'), { ...target, electron: '44.1.0', abi: '140' })));
    expect(e.message).toMatch(/built for Electron 44\.1\.0 \(ABI 140\), but Electron 45\.5\.0 \(ABI 150, linux-x64\) is installed/);
    expect(e.message).toContain('`node scripts/electron-binding.mjs`');
  });

  it('a binding for another architecture: refused, naming both', () => {
    const e = thrown(call('/repo', files(fakeElf('arm64'), target)));
    expect(e.message).toContain('built for linux-arm64, but this machine needs linux-x64');
  });

  it('packaged: the fix is to reinstall (there is no project folder to run the step in)', () => {
    const unpacked = join('/opt/pos/resources/app.asar.unpacked', 'build', 'electron-native', 'better_sqlite3.node');
    const f: BindingFiles = { exists: (p) => p === unpacked, head: () => fakeElf('arm64'), text: () => JSON.stringify(target) };
    const e = thrown(() => electronSqliteBinding('/opt/pos/resources/app.asar', f.exists, target, f));
    expect(e.message).toContain('reinstall wxpay-pos');
    expect(e.message).not.toContain('scripts/electron-binding.mjs');
  });
});
