// The built main bundle (ESM, package.json type=module) must load: a named import that a CommonJS package
// does not expose to ESM would crash the app at start-up, before any window. Loaded in plain Node with
// "electron" resolved to an inert stub (its app never becomes ready, so nothing starts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const bundle = join(process.cwd(), 'out/main/index.js');
const built = existsSync(bundle);

describe('out/main/index.js', () => {
  it.skipIf(!built)('loads with every import resolved (electron stubbed)', () => {
    const register = join(process.cwd(), 'test/unit/main/fixtures/register-electron-stub.mjs');
    const script = `import(${JSON.stringify(pathToFileURL(bundle).href)}).then(() => { console.log('LOADED'); process.exit(0); }, (e) => { console.error(String(e && e.stack || e)); process.exit(1); })`;
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).not.toMatch(/SyntaxError|ERR_MODULE_NOT_FOUND|does not provide an export/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('LOADED');
  });
  if (!built) console.log('main bundle load test skipped: out/main/index.js not built (run `npx electron-vite build`)');
});
