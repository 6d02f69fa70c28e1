// Checklist #19 (fuses) and the packaging targets, read from electron-builder.yml as electron-builder reads
// it, then validated against electron-builder's own schema (offline, ~1 s).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder (no separate devDependency needed).
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  asarUnpack?: string[];
  files?: string[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  mac?: { target?: string[] };
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('sets every fuse the checklist asks for, and only those', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('builds AppImage + deb, nsis and dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('ships an asar with native addons unpacked, our Electron-ABI sqlite build, and no rebuild over it', () => {
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(config.productName).toBe('wxpay-pos');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', 'build/electron-native/better_sqlite3.node', '!node_modules/better-sqlite3/build/**']));
    expect(config.npmRebuild).toBe(false);
    // sources and tests are not shipped; of the test certificates only the sandbox server's, never the
    // test CA's key or a test merchant's certificate
    expect(config.files?.some((f) => /^(src|test)\b/.test(f))).toBe(false);
    const certs = config.files?.filter((f) => f.startsWith('resources/test-certs/')) ?? [];
    expect(certs.some((f) => /\*|ca\.key|other-ca|1900000110|expired|wrong-host|by-other/.test(f))).toBe(false);
    expect(certs).toEqual(expect.arrayContaining(['resources/test-certs/ca.pem', 'resources/test-certs/server.pem', 'resources/test-certs/server.key']));
  });

  it('passes electron-builder’s own schema (so a misspelt fuse or key cannot slip through)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});

// --- issue 11 point 8: bundled renderer libraries are devDependencies; better-sqlite3's install-time tree stays out ---
describe('what a package ships', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

  it('react, react-dom and qrcode are devDependencies (the renderer bundle contains them), so electron-builder does not copy them', () => {
    for (const name of ['react', 'react-dom', 'qrcode']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.devDependencies[name]).toBeDefined();
    }
    // Only what main, core and the CLI load at run time stays a dependency.
    // (csv-*: catalog import/export, issue 15; the ESC/POS encoder and iconv-lite: printing, issue 14; pg: the
    // head-office service behind `wxpay-pos hq`, issue 16.)
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@point-of-sale/receipt-printer-encoder',
      'better-sqlite3',
      'csv-parse',
      'csv-stringify',
      'fast-xml-parser',
      'iconv-lite',
      'node-forge',
      'pg',
      'undici',
      'zod',
    ]);
  });

  it("excludes better-sqlite3's sources, bundled SQLite, node-gyp input and build tree", () => {
    expect(config.files).toEqual(
      expect.arrayContaining([
        '!node_modules/better-sqlite3/deps/**',
        '!node_modules/better-sqlite3/src/**',
        '!node_modules/better-sqlite3/build/**',
        '!node_modules/better-sqlite3/binding.gyp',
      ]),
    );
  });
});
