// better-sqlite3 built for Electron's ABI lives apart from node_modules' Node build (docs/electron-native.md):
// tests keep loading the Node build, the app passes this file as better-sqlite3's nativeBinding option.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ELECTRON_NATIVE_DIR = join('build', 'electron-native');
export const ELECTRON_SQLITE_BINDING = 'better_sqlite3.node';

/**
 * The Electron build of better-sqlite3 if it exists. Looked for next to the app (dev: the repo root;
 * packaged: asarUnpack puts it in app.asar.unpacked, since a .node file cannot load from inside an asar).
 */
export function electronSqliteBinding(appPath: string, exists: (p: string) => boolean = existsSync): string | null {
  const candidates = [join(appPath, ELECTRON_NATIVE_DIR, ELECTRON_SQLITE_BINDING)];
  if (appPath.endsWith('.asar')) candidates.unshift(join(`${appPath}.unpacked`, ELECTRON_NATIVE_DIR, ELECTRON_SQLITE_BINDING));
  return candidates.find((p) => exists(p)) ?? null;
}
