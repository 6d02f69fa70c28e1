// electron-builder.yml's `files` and `asarUnpack`, applied by electron-builder's OWN matchers (app-builder-lib's
// getMainFileMatchers / getNodeModuleFileMatcher / getFileMatchers, as platformPackager calls them) to a fake
// file list: the Electron-ABI binding and its stamp land in app.asar.unpacked, the Node-ABI build and the
// sources do not ship. The same expectations are checked against a real `electron-builder --dir` run in
// test/electron/packaging.spec.ts where an Electron binary exists.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_SHIPPED, PACKED_IN_ASAR, UNPACKED } from '../../electron/packaging-expectations';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
type Matcher = { createFilter(): Filter; patterns: string[] };
const fm = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(appDir: string, dest: string, expand: (s: string) => string, opts: object, packager: object, outDir: string, isElectronCompile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, dest: string, expand: (s: string) => string, opts: object, packager: object): Matcher;
  getFileMatchers(config: object, name: string, dest: string, opts: object): Matcher[] | null;
};

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as { files: string[]; asarUnpack: string[]; directories: { output: string; buildResources: string } };
const APP = '/proj';
const DEST = '/dist/linux-unpacked/resources/app';
const same = (s: string): string => s;
const file = { isDirectory: () => false };
const info = { isPrepackedAppAsar: false, config, projectDir: APP, buildResourcesDir: config.directories.buildResources, debugLogger: { isEnabled: false } };

const main = fm.getMainFileMatchers(APP, DEST, same, {}, { info }, join(APP, config.directories.output), false)[0]!.createFilter();
const nodeModules = fm.getNodeModuleFileMatcher(APP, DEST, same, {}, info).createFilter();
const unpack = fm.getFileMatchers(config, 'asarUnpack', DEST, { macroExpander: same, customBuildOptions: {}, globalOutDir: join(APP, 'dist'), defaultSrc: APP })![0]!.createFilter();

/** Shipped at all? App files go through the main matcher, production dependencies through the node_modules one. */
const shipped = (rel: string): boolean => (rel.startsWith('node_modules/') ? nodeModules : main)(join(APP, rel), file);
const unpacked = (rel: string): boolean => shipped(rel) && unpack(join(APP, rel), file);

describe('electron-builder.yml files/asarUnpack, through electron-builder’s matchers', () => {
  it.each(UNPACKED)('%s ships outside the asar', (rel) => {
    expect(shipped(rel)).toBe(true);
    expect(unpacked(rel)).toBe(true);
  });
  it.each(PACKED_IN_ASAR)('%s ships inside the asar', (rel) => {
    expect(shipped(rel)).toBe(true);
    expect(unpacked(rel)).toBe(false);
  });
  it.each(NOT_SHIPPED)('%s does not ship', (rel) => {
    expect(shipped(rel)).toBe(false);
  });
  it('a binding left in the wrong folder would not ship (the pattern is not a catch-all)', () => {
    expect(shipped('build/Release/better_sqlite3.node')).toBe(false);
  });
});
