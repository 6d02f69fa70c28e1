// scripts/rebuild-electron-native.mjs decides "up to date" from a stamp next to the Electron build, so a
// new Electron or better-sqlite3 version (or another platform) forces a rebuild. No network, no compiler.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import * as native from '../../../scripts/rebuild-electron-native.mjs';

type Want = { electron: string; betterSqlite3: string; arch: string; platform: string };
const n = native as { wanted(): Want; upToDate(want: Want, dir: string): boolean; OUT_FILE: string };

describe('rebuild-electron-native', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'pos-native-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('targets the installed Electron and better-sqlite3, outside node_modules', () => {
    const want = n.wanted();
    expect(want.electron).toMatch(/^\d+\.\d+\.\d+/);
    expect(want.betterSqlite3).toMatch(/^12\./);
    expect(n.OUT_FILE.replace(/\\/g, '/')).toMatch(/\/build\/electron-native\/better_sqlite3\.node$/);
    expect(n.OUT_FILE).not.toContain('node_modules');
  });

  it('is stale when the file or the stamp is missing, or any version differs', () => {
    const want = n.wanted();
    const d = dir();
    expect(n.upToDate(want, d)).toBe(false);
    writeFileSync(join(d, 'better_sqlite3.node'), 'x');
    expect(n.upToDate(want, d)).toBe(false);
    writeFileSync(join(d, 'stamp.json'), JSON.stringify({ ...want, electron: '1.0.0' }));
    expect(n.upToDate(want, d)).toBe(false);
    writeFileSync(join(d, 'stamp.json'), JSON.stringify({ ...want, abi: '150' }));
    expect(n.upToDate(want, d)).toBe(true);
    writeFileSync(join(d, 'stamp.json'), '{not json');
    expect(n.upToDate(want, d)).toBe(false);
  });
});
