// `node scripts/electron-binding.mjs --check` and the target it builds for (moved here from
// test/unit/main/electron-native.test.ts when the step replaced scripts/rebuild-electron-native.mjs):
// a new Electron or better-sqlite3 version, another architecture, a missing file or stamp each mean "not ready".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeBinding } from '../../../src/common/electron-binding';
import { bindingDir, readBinding } from '../../../src/cli/env-doctor/electron-install';
import { ROOT, installedTarget, main } from '../../../scripts/electron-binding-cli';
import { fakeElf, fakeNative } from './fake-binaries';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(opts: { abi?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'pos-binding-cli-'));
  dirs.push(root);
  const put = (rel: string, text: string | Uint8Array): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  put('package.json', '{"name":"wxpay-pos"}');
  put('node_modules/electron/package.json', '{"name":"electron","version":"45.5.0"}');
  if (opts.abi !== false) put('node_modules/electron/abi_version', '150\n');
  put('node_modules/better-sqlite3/package.json', '{"name":"better-sqlite3","version":"12.11.1"}');
  return root;
}

function io() {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => void lines.push(l), err: (l: string) => void lines.push(l) } };
}

describe('the binding target', () => {
  it('targets the installed Electron and better-sqlite3, outside node_modules', () => {
    const found = installedTarget(ROOT);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.target.electron).toMatch(/^\d+\.\d+\.\d+/);
    expect(found.target.abi).toMatch(/^\d+$/);
    expect(found.target.betterSqlite3).toMatch(/^12\./);
    expect(bindingDir(ROOT).replace(/\\/g, '/')).toMatch(/\/build\/electron-native$/);
    expect(bindingDir(ROOT)).not.toContain('node_modules');
  });

  it('is stale when the file or the stamp is missing, or any version differs', () => {
    const found = installedTarget(ROOT);
    if (!found.ok) throw new Error(found.why);
    const want = found.target;
    const d = mkdtempSync(join(tmpdir(), 'pos-native-'));
    dirs.push(d);
    const verdict = () => {
      const { head, stampText } = readBinding(d);
      return judgeBinding(want, head, stampText).kind;
    };
    expect(verdict()).toBe('missing');
    writeFileSync(join(d, 'better_sqlite3.node'), fakeNative());
    expect(verdict()).toBe('no-stamp');
    writeFileSync(join(d, 'stamp.json'), JSON.stringify({ ...want, electron: '1.0.0' }));
    expect(verdict()).toBe('stale');
    writeFileSync(join(d, 'stamp.json'), JSON.stringify({ ...want }));
    expect(verdict()).toBe('fresh');
    writeFileSync(join(d, 'stamp.json'), '{not json');
    expect(verdict()).toBe('no-stamp');
  });
});

describe('electron-binding --check', () => {
  const stamp = (over: object = {}) => JSON.stringify({ electron: '45.5.0', abi: '150', platform: process.platform, arch: process.arch, betterSqlite3: '12.11.1', ...over });
  const place = (root: string, head: Uint8Array, stampText: string | null): void => {
    mkdirSync(bindingDir(root), { recursive: true });
    writeFileSync(join(bindingDir(root), 'better_sqlite3.node'), head);
    if (stampText !== null) writeFileSync(join(bindingDir(root), 'stamp.json'), stampText);
  };

  it('0 when fresh', async () => {
    const root = project();
    place(root, fakeNative(), stamp());
    const o = io();
    expect(await main(['--check'], o.io, root)).toBe(0);
    expect(o.lines.join('\n')).toMatch(/is ready/);
  });

  it('1 and the versions when built for another Electron', async () => {
    const root = project();
    place(root, fakeNative(), stamp({ electron: '44.1.0', abi: '140' }));
    const o = io();
    expect(await main(['--check'], o.io, root)).toBe(1);
    expect(o.lines.join('\n')).toContain('built for Electron 44.1.0 (ABI 140)');
  });

  it('1 and both architectures when built for another one', async () => {
    const root = project();
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    place(root, process.platform === 'linux' ? fakeElf(other) : fakeElf('x64'), stamp());
    const o = io();
    expect(await main(['--check'], o.io, root)).toBe(1);
    expect(o.lines.join('\n')).toMatch(/was built for linux-\w+, but this machine needs/);
  });

  it('1 when missing; 2 with a plain reason when the electron package has no abi_version', async () => {
    const o = io();
    expect(await main(['--check'], o.io, project())).toBe(1);
    expect(o.lines.join('\n')).toContain('is missing');
    const p = io();
    expect(await main(['--check'], p.io, project({ abi: false }))).toBe(2);
    expect(p.lines.join('\n')).toContain('has no abi_version file');
    expect(p.lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
