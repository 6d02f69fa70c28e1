#!/usr/bin/env node
// `npm test`: every suite, one summary. Prints per-suite lines, then last the line
// `N passed, N failed, N skipped` summing all suites; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
mkdirSync('test-results', { recursive: true });

function run(cmd, args, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { code: r.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A step that is one test: passes when its command exits 0. */
function step(name, cmd, args, env) {
  console.log(`\n=== ${name} ===`);
  const { code, seconds } = run(cmd, args, env);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, seconds });
  return code === 0;
}

function vitestSuite() {
  console.log('\n=== unit, property, fault and crash tests (vitest) ===');
  const out = 'test-results/unit.json';
  rmSync(out, { force: true });
  const { code, seconds } = run('npx', ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const j = readJson(out);
  if (!j) return results.push({ name: 'vitest', passed: 0, failed: 1, skipped: 0, seconds });
  const failedToLoad = (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  results.push({
    name: 'vitest',
    passed: j.numPassedTests,
    failed: j.numFailedTests + failedToLoad + (code !== 0 && j.numFailedTests + failedToLoad === 0 ? 1 : 0),
    skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
    seconds,
  });
}

function playwrightSuite(name, config, jsonFile) {
  console.log(`\n=== ${name} (playwright) ===`);
  rmSync(jsonFile, { force: true });
  const { code, seconds } = run('npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile,
    E2E_SKIP_BUILD: '1',
  });
  const s = readJson(jsonFile)?.stats;
  if (!s) return results.push({ name, passed: 0, failed: 1, skipped: 0, seconds });
  const failed = s.unexpected + (code !== 0 && s.unexpected === 0 ? 1 : 0);
  results.push({ name, passed: s.expected + s.flaky, failed, skipped: s.skipped, seconds });
}

step('typecheck (tsc --noEmit, strict)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
const built = step('build (electron-vite: main, preload, renderer)', 'npx', ['electron-vite', 'build']);
vitestSuite();
if (existsSync('scripts/electronegativity-gate.mjs') && built) {
  step('electronegativity SARIF gate', 'node', ['scripts/electronegativity-gate.mjs']);
}
if (built) playwrightSuite('browser harness e2e (Chromium)', 'playwright.config.ts', 'test-results/e2e.json');
if (existsSync('playwright.electron.config.ts') && built) {
  playwrightSuite('Electron suite', 'playwright.electron.config.ts', 'test-results/electron.json');
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds}s)`);
const sum = (k) => results.reduce((a, r) => a + r[k], 0);
console.log(`${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(sum('failed') > 0 ? 1 : 0);
