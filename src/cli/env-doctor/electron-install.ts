// The installed Electron and the binding target it implies, read from node_modules without requiring the electron package:
// since Electron 3x that require starts a download when the binary is missing, which on a machine without
// GitHub access hangs. Shared by `wxpay-pos doctor`, the binding step (scripts/electron-binding*) and the
// Electron suite (test/electron).
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  BINDING_HEAD_BYTES,
  ELECTRON_BINDING_DIR,
  ELECTRON_BINDING_FILE,
  ELECTRON_BINDING_STAMP,
  type BindingTarget,
} from '../../common/electron-binding';

export interface ElectronInstall {
  readonly pkgDir: string;
  readonly version: string;
  /** node_modules/electron/abi_version (the NODE_MODULE_VERSION of this Electron); null if the package has none. */
  readonly abi: string | null;
  /** The executable, or null when it was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, no network). */
  readonly binary: string | null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function packageDir(root: string, name: string): string | null {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

function packageVersion(dir: string): string | null {
  const text = readText(join(dir, 'package.json'));
  if (text === null) return null;
  const v = (JSON.parse(text) as { version?: unknown }).version;
  return typeof v === 'string' ? v : null;
}

/** The electron package under root's node_modules, or null when it is not installed at all. */
export function findElectron(root: string, env: NodeJS.ProcessEnv = process.env): ElectronInstall | null {
  const pkgDir = packageDir(root, 'electron');
  const version = pkgDir === null ? null : packageVersion(pkgDir);
  if (pkgDir === null || version === null) return null;
  const abi = readText(join(pkgDir, 'abi_version'))?.trim() || null;
  // Same lookup as node_modules/electron/index.js, minus its download fallback.
  const relative = readText(join(pkgDir, 'path.txt'))?.trim();
  const dist = env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(pkgDir, 'dist');
  const binary = relative ? join(dist, relative) : null;
  return { pkgDir, version, abi, binary: binary !== null && existsSync(binary) ? binary : null };
}

/** The better-sqlite3 version under root's node_modules, or null. */
export function betterSqlite3Version(root: string): string | null {
  const dir = packageDir(root, 'better-sqlite3');
  return dir === null ? null : packageVersion(dir);
}

/** The binding the installed Electron needs on this machine (or on platform/arch, when packaging for them). */
export function bindingTarget(
  electron: ElectronInstall,
  root: string,
  platform: string = process.platform,
  arch: string = process.arch,
): BindingTarget | null {
  if (electron.abi === null) return null;
  const lib = betterSqlite3Version(root);
  return { electron: electron.version, abi: electron.abi, platform, arch, ...(lib === null ? {} : { betterSqlite3: lib }) };
}

export function bindingDir(root: string): string {
  return join(root, ELECTRON_BINDING_DIR);
}

/** The binding's first bytes and its stamp, as the judge in common/electron-binding wants them. */
export function readBinding(dir: string): { head: Uint8Array | null; stampText: string | null } {
  let head: Uint8Array | null = null;
  try {
    const fd = openSync(join(dir, ELECTRON_BINDING_FILE), 'r');
    try {
      const buf = Buffer.alloc(BINDING_HEAD_BYTES);
      head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    head = null;
  }
  return { head, stampText: readText(join(dir, ELECTRON_BINDING_STAMP)) };
}
