// Where main looks for better-sqlite3's Electron-ABI build (docs/electron-native.md).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteBinding } from '../../../src/main/native-binding';

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
