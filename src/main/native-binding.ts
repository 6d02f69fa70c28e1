// better-sqlite3 built for Electron's ABI lives apart from node_modules' Node build (docs/electron-native.md):
// tests keep loading the Node build, the app passes this file as better-sqlite3's nativeBinding option.
// Under Electron it is checked BEFORE anything loads it: a missing, stale or foreign-architecture binding
// stops the start with a plain message that names the fix, instead of an ABI stack trace from dlopen.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import {
  BINDING_FIX_COMMAND,
  BINDING_HEAD_BYTES,
  ELECTRON_BINDING_FILE,
  ELECTRON_BINDING_STAMP,
  describeBinding,
  judgeBinding,
  type BindingTarget,
} from '../common/electron-binding';

export const ELECTRON_NATIVE_DIR = join('build', 'electron-native');
export const ELECTRON_SQLITE_BINDING = ELECTRON_BINDING_FILE;

/**
 * Thrown when the binding cannot serve this Electron. Its message is the whole story in plain words
 * (zh-CN and English, with the fix); it carries no stack, so main's start-up failure log and dialog
 * show only the message.
 */
export class ElectronBindingError extends Error {
  override readonly name = 'ElectronBindingError';
  constructor(message: string) {
    super(message);
    this.stack = ''; // the logger prints `name: message` and then the stack when there is one
  }
}

/** What the running Electron needs; null outside Electron (unit tests, the CLI), where there is nothing to judge. */
export function runningElectronTarget(versions: NodeJS.ProcessVersions = process.versions): BindingTarget | null {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron;
  if (electron === undefined) return null;
  return { electron, abi: versions.modules, platform: process.platform, arch: process.arch };
}

export interface BindingFiles {
  exists(path: string): boolean;
  /** The file's first bytes, or null if it cannot be read. */
  head(path: string): Uint8Array | null;
  /** A text file's content, or null if absent. */
  text(path: string): string | null;
}

export const realBindingFiles: BindingFiles = {
  exists: existsSync,
  head(path) {
    try {
      const fd = openSync(path, 'r');
      try {
        const buf = Buffer.alloc(BINDING_HEAD_BYTES);
        return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
      } finally {
        closeSync(fd);
      }
    } catch {
      return null;
    }
  },
  text(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
};

/**
 * The Electron build of better-sqlite3 if it exists. Looked for next to the app (dev: the repo root;
 * packaged: asarUnpack puts it in app.asar.unpacked, since a .node file cannot load from inside an asar).
 */
function locate(appPath: string, exists: (p: string) => boolean): string | null {
  const candidates = [join(appPath, ELECTRON_NATIVE_DIR, ELECTRON_SQLITE_BINDING)];
  if (appPath.endsWith('.asar')) candidates.unshift(join(`${appPath}.unpacked`, ELECTRON_NATIVE_DIR, ELECTRON_SQLITE_BINDING));
  return candidates.find((p) => exists(p)) ?? null;
}

/**
 * The path of the Electron build of better-sqlite3, checked against `target` (default: the running Electron).
 * Outside Electron (no target) it only locates the file (null when absent). Under Electron anything but a
 * fresh binding throws ElectronBindingError with the fix: in a checkout, the binding step's command; in a
 * packaged app, reinstalling (the package itself is incomplete).
 */
export function electronSqliteBinding(
  appPath: string,
  exists: (p: string) => boolean = existsSync,
  target: BindingTarget | null = runningElectronTarget(),
  files: BindingFiles = realBindingFiles,
): string | null {
  const file = locate(appPath, exists);
  if (target === null) return file;
  const stampPath = file === null ? null : join(file, '..', ELECTRON_BINDING_STAMP);
  const verdict = judgeBinding(target, file === null ? null : files.head(file), stampPath === null ? null : files.text(stampPath));
  if (verdict.kind === 'fresh') return file;
  const words = describeBinding(verdict, target);
  const packaged = appPath.endsWith('.asar');
  const fixEn = packaged
    ? 'This installation is incomplete: reinstall wxpay-pos, or rebuild the package (docs/electron-native.md).'
    : `Fix: run \`${BINDING_FIX_COMMAND}\` in the project folder (or \`npm start\`, which runs it), then start again. \`npx wxpay-pos doctor\` checks everything.`;
  const fixZh = packaged
    ? '此安装不完整：请重新安装 wxpay-pos，或重新打包（见 docs/electron-native.md）。'
    : `解决办法：在项目目录运行 \`${BINDING_FIX_COMMAND}\`（\`npm start\` 会自动运行它），然后重新启动。\`npx wxpay-pos doctor\` 可检查全部环境。`;
  throw new ElectronBindingError(`无法启动：${words.zh}。${fixZh}\nCannot start: ${words.en}. ${fixEn}`);
}
