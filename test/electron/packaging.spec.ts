// Packaging builds what ships (issue 17 point 3): a real `electron-builder --dir` for this machine's platform
// and arch, then the same expectations as the pattern unit test (test/unit/scripts/packaging-patterns.test.ts)
// checked against the real app.asar and app.asar.unpacked. Needs the Electron binary (used as electronDist:
// no download) and the binding (made by the beforePack hook); skips, saying why, where either is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { electronSkipReason } from './electron-binary';
import { NOT_SHIPPED, PACKED_IN_ASAR, UNPACKED } from './packaging-expectations';

const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');
if (skipReason !== null) console.log(`packaging check skipped: ${skipReason}`);

test('electron-builder --dir ships the Electron-ABI binding unpacked, and not the Node build', async () => {
  test.setTimeout(15 * 60_000);
  const out = mkdtempSync(join(tmpdir(), 'pos-pack-'));
  try {
    // electronDist: the folder holding the Electron executable (or Electron.app), as node_modules/electron has it.
    const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? resolve('node_modules', 'electron', 'dist');
    const r = spawnSync('npx', ['electron-builder', '--dir', `-c.electronDist=${dist}`, `-c.directories.output=${out}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 14 * 60_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-3000)).toBe(0);
    const unpackedDir = readdirSync(out).map((d) => join(out, d)).find((d) => d.endsWith('-unpacked') || d.endsWith('.app'));
    expect(unpackedDir, `an unpacked app in ${out}`).toBeDefined();
    const resources = process.platform === 'darwin' ? join(unpackedDir as string, 'wxpay-pos.app', 'Contents', 'Resources') : join(unpackedDir as string, 'resources');
    const asarFile = join(resources, 'app.asar');
    const asar = createRequire(resolve('package.json'))('@electron/asar') as { listPackage(p: string, o: object): string[] };
    const inAsar = new Set(asar.listPackage(asarFile, {}).map((p) => p.replace(/\\/g, '/').replace(/^\//, '')));
    for (const rel of PACKED_IN_ASAR) expect(inAsar.has(rel), `${rel} in app.asar`).toBe(true);
    for (const rel of UNPACKED) expect(existsSync(join(`${asarFile}.unpacked`, rel)), `${rel} in app.asar.unpacked`).toBe(true);
    for (const rel of NOT_SHIPPED) {
      expect(inAsar.has(rel) && !UNPACKED.includes(rel), `${rel} not in app.asar`).toBe(false);
      expect(existsSync(join(`${asarFile}.unpacked`, rel)), `${rel} not in app.asar.unpacked`).toBe(false);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
