import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The installed command (package.json "bin") runs the plain JavaScript that `npm run build` makes
// (scripts/build-cli.mjs → out/cli/index.mjs), with no TypeScript loader at run time.
describe('wxpay-pos command', () => {
  beforeAll(() => {
    const b = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { encoding: 'utf8', timeout: 120_000 });
    expect(b.status, b.stderr).toBe(0);
  }, 120_000);

  // No NODE_OPTIONS: a loader inherited from the test runner must not be what makes it work.
  const env = { ...process.env, NODE_OPTIONS: '' };
  const run = (args: string[], input = '', bin = 'bin/wxpay-pos.mjs') =>
    spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 30_000, env });

  it('prints usage and exits 2 for an unknown command', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(r.stderr).toMatch(/usage: wxpay-pos/);
  });

  it('signs the official worked example from stdin', () => {
    const xml =
      '<xml><appid>wxd930ea5d5a258f4f</appid><mch_id>10000100</mch_id><device_info>1000</device_info><body>test</body><nonce_str>ibuaiVcKdpRxkhJA</nonce_str></xml>';
    const r = run(['sign', '--key', '192006250b4c09247ec02edce69f6a2d'], xml);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(r.stdout).not.toContain('192006250b4c09247ec02edce69f6a2d');
  });

  it('is plain JavaScript: the bin and the build import neither tsx nor a .ts file; tsx is a dev dependency', () => {
    const files = ['bin/wxpay-pos.mjs', ...readdirSync('out/cli').filter((f) => f.endsWith('.mjs')).map((f) => `out/cli/${f}`)];
    expect(files).toContain('out/cli/index.mjs');
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/from\s*["']tsx|import\(\s*["']tsx|["'][^"'\s]+\.tsx?["']\s*\)?;/);
    }
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies['tsx']).toBeUndefined();
    expect(pkg.devDependencies['tsx']).toBeDefined();
  });

  describe('before a build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-bin-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('says in plain words (English and Chinese) to run the build, and exits 2', () => {
      mkdirSync(join(dir, 'bin'));
      copyFileSync('bin/wxpay-pos.mjs', join(dir, 'bin/wxpay-pos.mjs'));
      const r = run(['help'], '', join(dir, 'bin/wxpay-pos.mjs'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/not built yet.*npm run build/);
      expect(r.stderr).toMatch(/尚未构建/);
    });
  });
});
