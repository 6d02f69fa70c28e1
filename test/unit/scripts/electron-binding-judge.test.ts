// common/electron-binding: the binding judged without loading it — machine type from the header, versions
// from the stamp. Bad input: a stale binding, one for another architecture, none at all, a non-library.
import { describe, expect, it } from 'vitest';
import { describeBinding, judgeBinding, machineType, type BindingTarget } from '../../../src/common/electron-binding';
import { fakeElf, fakeMachO, fakePe, fakeUniversal } from './fake-binaries';

const target: BindingTarget = { electron: '45.5.0', abi: '150', platform: 'linux', arch: 'x64', betterSqlite3: '12.11.1' };
const stamp = (over: Partial<BindingTarget> = {}): string => JSON.stringify({ ...target, source: 'prebuilt', ...over });

describe('machineType', () => {
  it.each([
    [fakeElf('x64'), 'linux', ['x64']],
    [fakeElf('arm64'), 'linux', ['arm64']],
    [fakeElf('ia32'), 'linux', ['ia32']],
    [fakePe('x64'), 'win32', ['x64']],
    [fakePe('arm64'), 'win32', ['arm64']],
    [fakeMachO('arm64'), 'darwin', ['arm64']],
    [fakeUniversal(['x64', 'arm64']), 'darwin', ['x64', 'arm64']],
  ])('reads the header (%#)', (head, platform, archs) => {
    expect(machineType(head)).toEqual({ platform, archs });
  });
  it('null for anything that is not a native library', () => {
    expect(machineType(new TextEncoder().encode('x'))).toBeNull();
    expect(machineType(new Uint8Array(0))).toBeNull();
    expect(machineType(new TextEncoder().encode('MZ but no PE header'))).toBeNull();
  });
});

describe('judgeBinding', () => {
  it('fresh: right header, stamp for the installed Electron, ABI and better-sqlite3', () => {
    expect(judgeBinding(target, fakeElf('x64'), stamp())).toMatchObject({ kind: 'fresh', stamp: { electron: '45.5.0', source: 'prebuilt' } });
  });
  it('missing when there is no file', () => {
    expect(judgeBinding(target, null, stamp()).kind).toBe('missing');
  });
  it('stale when built for another Electron, ABI or better-sqlite3', () => {
    expect(judgeBinding(target, fakeElf('x64'), stamp({ electron: '44.0.0', abi: '140' })).kind).toBe('stale');
    expect(judgeBinding(target, fakeElf('x64'), stamp({ abi: '140' })).kind).toBe('stale');
    expect(judgeBinding(target, fakeElf('x64'), stamp({ betterSqlite3: '11.0.0' })).kind).toBe('stale');
  });
  it('inside a packaged app better-sqlite3’s version is not asked for', () => {
    const { betterSqlite3: _, ...runtime } = target;
    expect(judgeBinding(runtime, fakeElf('x64'), stamp({ betterSqlite3: '11.0.0' })).kind).toBe('fresh');
  });
  it('wrong-arch from the header, even when the stamp claims otherwise', () => {
    expect(judgeBinding(target, fakeElf('arm64'), stamp())).toEqual({ kind: 'wrong-arch', found: 'linux-arm64' });
    expect(judgeBinding(target, fakePe('x64'), stamp())).toEqual({ kind: 'wrong-arch', found: 'win32-x64' });
    expect(judgeBinding({ ...target, platform: 'darwin', arch: 'arm64' }, fakeUniversal(['x64', 'arm64']), stamp({ platform: 'darwin', arch: 'arm64' })).kind).toBe('fresh');
  });
  it('no-stamp when the stamp is absent or unreadable; unreadable when the file is not a library', () => {
    expect(judgeBinding(target, fakeElf('x64'), null).kind).toBe('no-stamp');
    expect(judgeBinding(target, fakeElf('x64'), '{not json').kind).toBe('no-stamp');
    expect(judgeBinding(target, fakeElf('x64'), JSON.stringify({ electron: '45.5.0' })).kind).toBe('no-stamp');
    expect(judgeBinding(target, new TextEncoder().encode('x'), stamp()).kind).toBe('unreadable');
  });
  it('describes each problem in zh-CN and English, naming both sides', () => {
    const stale = describeBinding(judgeBinding(target, fakeElf('x64'), stamp({ electron: '44.0.0', abi: '140' })), target);
    expect(stale.en).toContain('Electron 44.0.0 (ABI 140)');
    expect(stale.en).toContain('Electron 45.5.0 (ABI 150');
    expect(stale.zh).toContain('Electron 44.0.0（ABI 140）');
    const arch = describeBinding(judgeBinding(target, fakeElf('arm64'), stamp()), target);
    expect(arch.en).toContain('built for linux-arm64, but this machine needs linux-x64');
    expect(arch.zh).toContain('linux-arm64');
    expect(describeBinding({ kind: 'missing' }, target).zh).toContain('缺少');
  });
});
