// What `wxpay-pos doctor` looks at, gathered once from the real machine (gatherFacts) or faked whole in tests.
// Each fact is plain data; checks.ts turns them into verdicts.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BindingTarget } from '../../common/electron-binding';
import { bindingDir, bindingTarget, findElectron, readBinding, type ElectronInstall } from './electron-install';

export interface DoctorFacts {
  readonly node: string;
  /** null when npm is not on PATH (or did not answer). */
  readonly npm: string | null;
  /** package.json "engines". */
  readonly engines: Readonly<Record<string, string>>;
  /** null when node_modules/electron is absent (npm ci not run). */
  readonly electron: ElectronInstall | null;
  /** What the binding must match; null when Electron is absent or has no abi_version. */
  readonly target: BindingTarget | null;
  readonly binding: { readonly head: Uint8Array | null; readonly stampText: string | null };
  /** The Chromium the browser harness would use, and where it came from; null when none. */
  readonly chromium: { readonly path: string; readonly via: 'CHROMIUM_PATH' | '/usr/bin/chromium' | 'playwright' } | null;
  /** CHROMIUM_PATH when set but pointing at nothing. */
  readonly chromiumPathBroken: string | null;
  readonly dataDir: { readonly path: string; readonly writable: boolean };
  readonly certs: { readonly dir: string; readonly missing: readonly string[] };
}

/** The test certificates that the app (sandbox mode) and the tests use; `npm run certs` makes them. */
export const TEST_CERTS = [
  'ca.pem',
  'ca.key',
  'server.pem',
  'server.key',
  'merchant-1900000109.pem',
  'merchant-1900000109.key',
  'merchant-1900000109.p12',
  'merchant-1900000110.pem',
  'merchant-1900000110.key',
  'merchant-1900000110.p12',
  'expired-server.pem',
  'wrong-host-server.pem',
  'other-ca.pem',
  'merchant-by-other-ca.pem',
] as const;

/** Electron's userData for an app named `name` (app.getPath('userData')), or WXPAY_POS_DATA_DIR when set. */
export function dataFolder(env: NodeJS.ProcessEnv, platform: string = process.platform, home: string = homedir(), name = 'wxpay-pos'): string {
  const override = env['WXPAY_POS_DATA_DIR'];
  if (override) return override;
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), name);
}

/** Writable if it exists and is writable, or if the nearest existing parent is (the app creates it). No writes. */
export function folderWritable(path: string, access: (p: string) => void = (p) => accessSync(p, constants.W_OK)): boolean {
  let p = path;
  for (;;) {
    if (existsSync(p)) {
      try {
        access(p);
        return true;
      } catch {
        return false;
      }
    }
    const up = dirname(p);
    if (up === p) return false;
    p = up;
  }
}

function npmVersion(): string | null {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['--version'], { encoding: 'utf8', timeout: 30_000, shell: process.platform === 'win32' });
  const v = r.status === 0 ? r.stdout.trim() : '';
  return /^\d+\.\d+\.\d+/.test(v) ? v : null;
}

async function playwrightChromium(): Promise<string | null> {
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export async function gatherFacts(root: string, env: NodeJS.ProcessEnv = process.env): Promise<DoctorFacts> {
  let engines: Record<string, string> = {};
  try {
    engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines?: Record<string, string> }).engines ?? {};
  } catch {
    engines = {};
  }
  const electron = findElectron(root, env);
  const target = electron === null ? null : bindingTarget(electron, root);
  const envChromium = env['CHROMIUM_PATH'];
  let chromium: DoctorFacts['chromium'] = null;
  if (envChromium && existsSync(envChromium)) chromium = { path: envChromium, via: 'CHROMIUM_PATH' };
  else if (existsSync('/usr/bin/chromium')) chromium = { path: '/usr/bin/chromium', via: '/usr/bin/chromium' };
  else {
    const own = await playwrightChromium();
    if (own !== null) chromium = { path: own, via: 'playwright' };
  }
  const data = dataFolder(env);
  const certsDir = join(root, 'resources', 'test-certs');
  return {
    node: process.versions.node,
    npm: npmVersion(),
    engines,
    electron,
    target,
    binding: readBinding(bindingDir(root)),
    chromium,
    chromiumPathBroken: envChromium && !existsSync(envChromium) ? envChromium : null,
    dataDir: { path: data, writable: folderWritable(data) },
    certs: { dir: certsDir, missing: TEST_CERTS.filter((f) => !existsSync(join(certsDir, f))) },
  };
}
