// Finds the Electron executable the way node_modules/electron/index.js does, but WITHOUT its fallback:
// since Electron 3x, require('electron') starts a download when the binary is missing, which on our build
// machines hangs on an unreachable GitHub. Returns null when there is no binary.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const NO_ELECTRON_REASON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the browser harness covers the renderer';

export function electronBinary(): string | null {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(pkgDir, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}
