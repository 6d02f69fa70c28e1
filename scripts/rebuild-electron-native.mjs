#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron's ABI into build/electron-native/better_sqlite3.node,
// WITHOUT touching node_modules: tests (vitest, the browser harness) keep loading node_modules' Node-ABI
// build, and the app passes this file as better-sqlite3's `nativeBinding` option (src/main/native-binding.ts).
// So `npm start` never breaks the next `npm test`, and the reverse. See docs/electron-native.md.
//
//   node scripts/rebuild-electron-native.mjs           build if missing or stale
//   node scripts/rebuild-electron-native.mjs --force   build even if up to date
//   node scripts/rebuild-electron-native.mjs --check   exit 0 if up to date, 1 if not (no build)
//
// Needs the Electron headers (https://electronjs.org/headers) or a local copy of them in the node-gyp
// dev dir (~/.electron-gyp/<version>); our build machines have neither and get a clear message.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
export const OUT_DIR = join(ROOT, 'build', 'electron-native');
export const OUT_FILE = join(OUT_DIR, 'better_sqlite3.node');
const STAMP_NAME = 'stamp.json';
const STAMP = join(OUT_DIR, STAMP_NAME);
export const DIST_URL = 'https://electronjs.org/headers';

function pkgDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}
function version(name) {
  return JSON.parse(readFileSync(join(pkgDir(name), 'package.json'), 'utf8')).version;
}

export function wanted() {
  return { electron: version('electron'), betterSqlite3: version('better-sqlite3'), arch: process.arch, platform: process.platform };
}

/** true when dir holds a better_sqlite3.node whose stamp matches the installed versions, platform and arch. */
export function upToDate(want = wanted(), dir = OUT_DIR) {
  const file = join(dir, 'better_sqlite3.node');
  const stamp = join(dir, STAMP_NAME);
  if (!existsSync(file) || !existsSync(stamp)) return false;
  try {
    const have = JSON.parse(readFileSync(stamp, 'utf8'));
    return Object.entries(want).every(([k, v]) => have[k] === v);
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`rebuild-electron-native: ${message}`);
  process.exit(2);
}

async function headersReachable(electron) {
  const devDir = join(homedir(), '.electron-gyp', electron);
  if (existsSync(join(devDir, 'include', 'node', 'node.h'))) return { ok: true, via: devDir };
  const url = `${DIST_URL}/v${electron}/node-v${electron}-headers.tar.gz`;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000), redirect: 'follow' });
    return res.ok ? { ok: true, via: url } : { ok: false, why: `${url} answered HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, why: `${url} is unreachable (${error?.cause?.code ?? error?.name ?? 'network error'})` };
  }
}

async function main(argv) {
  const want = wanted();
  if (argv.includes('--check')) {
    const fresh = upToDate(want);
    console.log(fresh ? `electron-native: up to date (${OUT_FILE})` : `electron-native: missing or stale for Electron ${want.electron}`);
    process.exit(fresh ? 0 : 1);
  }
  if (!argv.includes('--force') && upToDate(want)) {
    console.log(`rebuild-electron-native: up to date for Electron ${want.electron} (${OUT_FILE})`);
    return;
  }

  const headers = await headersReachable(want.electron);
  if (!headers.ok) {
    fail(
      `cannot build better-sqlite3 for Electron ${want.electron}: the Electron headers are needed and ${headers.why}.\n` +
        `  This machine cannot reach electronjs.org (our build machines reach only npm and Debian). Either run this\n` +
        `  script on a machine with that access and copy build/electron-native/ here, or unpack the headers into\n` +
        `  ~/.electron-gyp/${want.electron}/. Tests do not need this file; only \`npm start\` and packaging do.\n` +
        `  node_modules was not touched.`,
    );
  }

  const work = mkdtempSync(join(tmpdir(), 'pos-electron-native-'));
  try {
    // A private copy of the package source: node-gyp writes build/ there, never into node_modules.
    const src = join(work, 'better-sqlite3');
    cpSync(pkgDir('better-sqlite3'), src, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
    const nodeGyp = join(pkgDir('node-gyp'), 'bin', 'node-gyp.js');
    const args = [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${want.electron}`,
      `--arch=${want.arch}`,
      `--dist-url=${DIST_URL}`,
      '--runtime=electron',
      `--devdir=${join(homedir(), '.electron-gyp')}`,
    ];
    console.log(`rebuild-electron-native: building better-sqlite3 ${want.betterSqlite3} for Electron ${want.electron} (${want.platform}-${want.arch}); headers from ${headers.via}`);
    const started = Date.now();
    const build = spawnSync(process.execPath, args, { cwd: src, stdio: 'inherit', timeout: 20 * 60_000 });
    if (build.status !== 0) fail(`node-gyp failed (exit ${build.status ?? build.signal}); node_modules was not touched`);
    const built = join(src, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) fail(`node-gyp finished but ${built} is missing`);
    mkdirSync(OUT_DIR, { recursive: true });
    copyFileSync(built, OUT_FILE);
    writeFileSync(STAMP, `${JSON.stringify({ ...want, abi: readFileSync(join(pkgDir('electron'), 'abi_version'), 'utf8').trim(), builtAt: new Date().toISOString() }, null, 2)}\n`);
    console.log(`rebuild-electron-native: wrote ${OUT_FILE} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
