// `wxpay-pos doctor` (the environment doctor; the signature doctor is doctor.test.ts): on this machine, and
// with a faked complete machine, plus each bad input from issue 17 — a stale binding, a binding for another
// architecture, an Electron binary without the binding.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron } from '../../../src/cli/env-doctor/electron-install';
import { runChecks, type CheckLine } from '../../../src/cli/env-doctor/checks';
import { projectRoot, run } from '../../../src/cli/env-doctor/command';
import { dataFolder, folderWritable, gatherFacts, type DoctorFacts } from '../../../src/cli/env-doctor/facts';
import { satisfies } from '../../../src/cli/env-doctor/version-range';
import { main } from '../../../src/cli/index';
import { fakeElf } from '../scripts/fake-binaries';

const target = { electron: '45.5.0', abi: '150', platform: 'linux', arch: 'x64', betterSqlite3: '12.11.1' };

/** A machine where everything is in place. */
const complete: DoctorFacts = {
  node: '22.12.0',
  npm: '11.19.1',
  engines: { node: '>=20.19' },
  electron: { pkgDir: '/p/node_modules/electron', version: '45.5.0', abi: '150', binary: '/p/node_modules/electron/dist/electron' },
  target,
  binding: { head: fakeElf('x64'), stampText: JSON.stringify({ ...target, source: 'prebuilt' }) },
  chromium: { path: '/usr/bin/chromium', via: '/usr/bin/chromium' },
  chromiumPathBroken: null,
  dataDir: { path: '/home/c/.config/wxpay-pos', writable: true },
  certs: { dir: '/p/resources/test-certs', missing: [] },
};

async function doctor(facts: DoctorFacts): Promise<{ code: number; out: string; lines: CheckLine[] }> {
  let out = '';
  const code = await run([], { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, async () => facts);
  return { code, out, lines: runChecks(facts) };
}
const line = (lines: CheckLine[], id: CheckLine['id']): CheckLine => lines.find((l) => l.id === id) as CheckLine;
const noStackTrace = (out: string): void => expect(out).not.toMatch(/\n\s+at .+:\d+|Error: /);

describe('doctor with a faked complete machine', () => {
  it('every line ok, exit 0, says the app and all tests can run', async () => {
    const { code, out, lines } = await doctor(complete);
    expect(lines.map((l) => [l.id, l.ok])).toEqual([
      ['node', true],
      ['npm', true],
      ['electron-binary', true],
      ['electron-binding', true],
      ['chromium', true],
      ['data-folder', true],
      ['test-certs', true],
    ]);
    expect(code).toBe(0);
    expect(out).toContain('the app (npm start) and all the tests (npm test) can run on this machine');
    expect(out).toContain('收银程序（npm start）和全部测试（npm test）都可以在本机运行');
    expect(out).not.toContain('FAIL');
  });
});

describe('doctor: the bad inputs of issue 17, each with the fix', () => {
  it('a stale binding (built for another Electron)', async () => {
    const { code, out, lines } = await doctor({ ...complete, binding: { head: fakeElf('x64'), stampText: JSON.stringify({ ...target, electron: '44.1.0', abi: '140' }) } });
    expect(code).toBe(1);
    expect(line(lines, 'electron-binding')).toMatchObject({ ok: false, fix: { en: expect.stringContaining('`node scripts/electron-binding.mjs`') } });
    expect(out).toContain('built for Electron 44.1.0 (ABI 140), but Electron 45.5.0 (ABI 150, linux-x64)');
    noStackTrace(out);
  });
  it('a binding for another architecture', async () => {
    const { code, out } = await doctor({ ...complete, binding: { head: fakeElf('arm64'), stampText: JSON.stringify(target) } });
    expect(code).toBe(1);
    expect(out).toContain('built for linux-arm64, but this machine needs linux-x64');
    expect(out).toContain('fix:  run `node scripts/electron-binding.mjs`');
    noStackTrace(out);
  });
  it('an Electron binary without the binding', async () => {
    const { code, out, lines } = await doctor({ ...complete, binding: { head: null, stampText: null } });
    expect(code).toBe(1);
    expect(line(lines, 'electron-binary').ok).toBe(true);
    expect(line(lines, 'electron-binding').ok).toBe(false);
    expect(out).toContain('缺少为 Electron 编译的数据库组件');
    expect(out).toContain('the app (npm start) cannot run here');
    noStackTrace(out);
  });
});

describe('doctor: the other lines', () => {
  it('Node below package.json engines', async () => {
    const { code, lines } = await doctor({ ...complete, node: '18.19.0' });
    expect(code).toBe(1);
    expect(line(lines, 'node')).toMatchObject({ ok: false, en: 'Node.js 18.19.0 does not meet package.json engines >=20.19', fix: { en: expect.stringContaining('nvm install') } });
  });
  it('npm checked against engines.npm when set; missing npm', () => {
    expect(line(runChecks({ ...complete, engines: { npm: '>=11' }, npm: '10.9.0' }), 'npm').ok).toBe(false);
    expect(line(runChecks({ ...complete, engines: { npm: '>=11' } }), 'npm').ok).toBe(true);
    expect(line(runChecks({ ...complete, npm: null }), 'npm')).toMatchObject({ ok: false, en: 'npm not found' });
  });
  it('no electron package at all: npm ci', () => {
    const lines = runChecks({ ...complete, electron: null, target: null });
    expect(line(lines, 'electron-package')).toMatchObject({ ok: false, fix: { en: 'run `npm ci`' } });
    expect(line(lines, 'electron-binding').ok).toBe(false);
  });
  it('no Chromium; a CHROMIUM_PATH that points at nothing is named', () => {
    const l = line(runChecks({ ...complete, chromium: null, chromiumPathBroken: '/opt/chrome' }), 'chromium');
    expect(l).toMatchObject({ ok: false, needed: 'tests' });
    expect(l.en).toContain('CHROMIUM_PATH=/opt/chrome does not exist');
    expect(l.fix?.en).toContain('apt-get install chromium');
  });
  it('data folder not writable; test certificates missing', async () => {
    const { code, out } = await doctor({ ...complete, dataDir: { path: '/ro/pos', writable: false }, certs: { dir: '/p/c', missing: ['ca.pem', 'server.key'] } });
    expect(code).toBe(1);
    expect(out).toContain('data folder is not writable: /ro/pos');
    expect(out).toContain('test certificates missing: ca.pem, server.key');
    expect(out).toContain('run `npm run certs`');
  });
  it('only Chromium missing: the app can run, the tests cannot', async () => {
    const { code, out } = await doctor({ ...complete, chromium: null });
    expect(code).toBe(1);
    expect(out).toContain('the app (npm start) can run; some tests cannot run or will skip');
  });
});

describe('doctor helpers', () => {
  it('version ranges as package.json engines write them', () => {
    expect(satisfies('20.19.0', '>=20.19')).toBe(true);
    expect(satisfies('20.18.9', '>=20.19')).toBe(false);
    expect(satisfies('22.12.0', '^22.12.0')).toBe(true);
    expect(satisfies('23.0.0', '^22.12.0')).toBe(false);
    expect(satisfies('21.0.0', '>=20 <21')).toBe(false);
    expect(satisfies('18.0.0', '^16 || >=18')).toBe(true);
    expect(satisfies('20.0.0', 'lts/iron')).toBeNull();
  });
  it('data folder: WXPAY_POS_DATA_DIR, else Electron’s userData per platform', () => {
    expect(dataFolder({ WXPAY_POS_DATA_DIR: '/d' }, 'linux', '/h')).toBe('/d');
    expect(dataFolder({}, 'linux', '/h')).toBe(join('/h', '.config', 'wxpay-pos'));
    expect(dataFolder({ XDG_CONFIG_HOME: '/x' }, 'linux', '/h')).toBe(join('/x', 'wxpay-pos'));
    expect(dataFolder({}, 'darwin', '/h')).toBe(join('/h', 'Library', 'Application Support', 'wxpay-pos'));
    expect(dataFolder({ APPDATA: 'C:\\U\\AppData\\Roaming' }, 'win32', 'C:\\U')).toBe(join('C:\\U\\AppData\\Roaming', 'wxpay-pos'));
  });
  it('writable = the nearest existing folder is writable (nothing is created)', () => {
    const root = projectRoot();
    expect(folderWritable(join(root, 'no', 'such', 'folder'), () => undefined)).toBe(true);
    expect(
      folderWritable(join(root, 'no', 'such'), () => {
        throw new Error('EACCES');
      }),
    ).toBe(false);
    expect(existsSync(join(root, 'no'))).toBe(false);
  });
  it('takes no arguments; registered in the CLI', async () => {
    let err = '';
    expect(await run(['--x'], { stdout: () => undefined, stderr: (s) => void (err += s) }, async () => complete)).toBe(2);
    expect(err).toContain('doctor takes no arguments');
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await main(['doctor', '--x'])).toBe(2);
    } finally {
      process.stderr.write = stderr;
    }
  });
});

describe('doctor on this machine', () => {
  const root = projectRoot();
  const electron = findElectron(root);
  const noBinary = electron !== null && electron.binary === null;
  if (!noBinary) console.log('doctor-on-this-machine: skipped, an Electron binary is installed here (the case is covered by the faked machine above)');

  it.runIf(noBinary)('reports the missing Electron binary and the missing binding, with their fixes, and exit 1', async () => {
    const facts = await gatherFacts(root);
    const { code, out, lines } = await doctor(facts);
    expect(code).toBe(1);
    expect(line(lines, 'electron-binary')).toMatchObject({ ok: false, fix: { en: expect.stringContaining('node node_modules/electron/install.js') } });
    // This machine cannot download or compile the binding, so it is absent unless someone copied one over.
    if (!existsSync(join(root, 'build', 'electron-native', 'better_sqlite3.node'))) {
      expect(line(lines, 'electron-binding')).toMatchObject({ ok: false, en: expect.stringContaining('the database library built for Electron is missing') });
      expect(out).toContain('fix:  run `node scripts/electron-binding.mjs`');
    }
    expect(line(lines, 'node').ok).toBe(true);
    expect(line(lines, 'test-certs').ok).toBe(true);
    expect(out).toContain('the app (npm start) cannot run here');
    noStackTrace(out);
  }, 30_000);
});
