#!/usr/bin/env node
// Electronegativity gate (issue 6 point 7; reliability.md 3.2). The scanner exits 0 even with findings and
// even with a misspelt -x list, so we never trust its exit code: we read its SARIF, fail on any finding not
// in security/electronegativity-allow.json (each exception with a reason), fail on an exception that
// matches no finding (stale: it would silently allow a future one), and prove the scan really ran by
// planting a canary file whose finding must appear (then it is set aside).
//   node scripts/electronegativity-gate.mjs [--input out] [--allow security/electronegativity-allow.json]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The network-only check (it asks GitHub for Electron releases) is excluded; its name is checked below. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
/** Files the built bundle must contain, relative to out/. */
export const REQUIRED_BUNDLE_FILES = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'];

export const CANARY_DIR = '__gate_canary__';
export const CANARY_FILE = `${CANARY_DIR}/canary.js`;
export const CANARY_RULE = 'OPEN_EXTERNAL_JS_CHECK';
// A deliberate anti-pattern the scanner must report: handing a runtime value to shell.openExternal.
const CANARY_SOURCE = "const { shell } = require('electron');\nshell.openExternal(process.argv[2]);\n";

export class GateError extends Error {}

/** Parses and checks the allow-list: every exception names a rule and a file and gives a reason. */
export function parseAllowList(json) {
  const doc = typeof json === 'string' ? JSON.parse(json) : json;
  if (!doc || !Array.isArray(doc.exceptions)) throw new GateError('allow-list: expected { "exceptions": [...] }');
  return doc.exceptions.map((e, i) => {
    for (const key of ['rule', 'file', 'reason']) {
      if (typeof e?.[key] !== 'string' || e[key].trim() === '') throw new GateError(`allow-list entry ${i}: "${key}" is required`);
    }
    if (e.reason.trim().length < 20) throw new GateError(`allow-list entry ${i} (${e.rule}): the reason must say why, in words`);
    if (e.messageIncludes !== undefined && typeof e.messageIncludes !== 'string') throw new GateError(`allow-list entry ${i}: messageIncludes must be a string`);
    return { rule: e.rule, file: normalise(e.file), reason: e.reason, messageIncludes: e.messageIncludes ?? null };
  });
}

function normalise(file) {
  return String(file).replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Findings from an Electronegativity SARIF; throws if the document is not a real Electronegativity run. */
export function findingsOf(sarif) {
  const run = sarif?.runs?.[0];
  if (!run || typeof run !== 'object') throw new GateError('SARIF has no runs[0]: the scan did not run');
  const tool = run.tool?.driver?.name;
  if (typeof tool !== 'string' || !/electronegativity/i.test(tool)) throw new GateError(`SARIF runs[0].tool is not Electronegativity (got ${JSON.stringify(tool)})`);
  if (!Array.isArray(run.results)) throw new GateError('SARIF runs[0].results is missing');
  return run.results.map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    return {
      rule: String(r.ruleId ?? ''),
      file: normalise(loc?.artifactLocation?.uri ?? 'N/A'),
      line: loc?.region?.startLine ?? 0,
      level: String(r.level ?? 'warning'),
      message: String(r.message?.text ?? ''),
    };
  });
}

/** Exact path, or a pattern where `*` stands for any run of characters within one path segment
 * (for content-hashed bundle names such as renderer/assets/index-*.js). */
export function fileMatches(pattern, file) {
  if (!pattern.includes('*')) return pattern === file;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return re.test(file);
}

function allows(entry, finding) {
  return entry.rule === finding.rule && fileMatches(entry.file, finding.file) && (entry.messageIncludes === null || finding.message.includes(entry.messageIncludes));
}

/**
 * Splits findings into allowed and failing. With requireCanary, the canary's finding must be present
 * (otherwise the scanner saw no files or ran no checks) and canary findings are not counted.
 */
export function evaluate(sarif, allowList, { requireCanary = false } = {}) {
  const all = findingsOf(sarif);
  const canary = all.filter((f) => f.file === CANARY_FILE || f.file.endsWith(`/${CANARY_FILE}`));
  if (requireCanary && !canary.some((f) => f.rule === CANARY_RULE)) {
    throw new GateError(`the planted canary (${CANARY_RULE} in ${CANARY_FILE}) was not reported: the scan saw no files or ran no checks`);
  }
  const findings = all.filter((f) => !canary.includes(f));
  const allowed = [];
  const failing = [];
  for (const f of findings) (allowList.some((e) => allows(e, f)) ? allowed : failing).push(f);
  const unusedAllow = allowList.filter((e) => !findings.some((f) => allows(e, f)));
  return { total: findings.length, allowed, failing, unusedAllow };
}

export function summaryLine(result) {
  return `electronegativity: ${result.total} findings, ${result.allowed.length} allowed, ${result.failing.length} failing`;
}

/** Issue 11 point 8: the gate passes only with no failing finding AND no allow-list entry that matches nothing. */
export function gatePasses(result) {
  return result.failing.length === 0 && result.unusedAllow.length === 0;
}

function electronVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
}

function ensureBundle(outDir) {
  if (REQUIRED_BUNDLE_FILES.every((f) => existsSync(join(outDir, f)))) return;
  if (resolve(outDir) !== join(ROOT, 'out')) throw new GateError(`${outDir} is not a complete bundle (needs ${REQUIRED_BUNDLE_FILES.join(', ')})`);
  console.log('electronegativity gate: no built bundle, running `electron-vite build` first');
  const build = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (build.status !== 0) throw new GateError('electron-vite build failed');
  const missing = REQUIRED_BUNDLE_FILES.filter((f) => !existsSync(join(outDir, f)));
  if (missing.length > 0) throw new GateError(`built bundle is missing ${missing.join(', ')}`);
}

function checkExcludedNamesExist() {
  // A misspelt -x name only prints "error in your custom checks list" and scans on: check the names here.
  const dir = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/finder/checks/GlobalChecks');
  for (const name of EXCLUDED_CHECKS) {
    if (!existsSync(join(dir, `${name}.js`))) throw new GateError(`excluded check ${name} does not exist in this Electronegativity`);
  }
}

export function runScan(outDir, workDir) {
  const scanDir = join(workDir, 'scan');
  cpSync(outDir, scanDir, { recursive: true });
  mkdirSync(join(scanDir, CANARY_DIR), { recursive: true });
  writeFileSync(join(scanDir, CANARY_FILE), CANARY_SOURCE);
  const sarifPath = join(workDir, 'eng.sarif');
  const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/index.js');
  const args = [cli, '-i', scanDir, '-o', sarifPath, '-x', EXCLUDED_CHECKS.join(','), '-e', electronVersion(), '-r'];
  const scan = spawnSync(process.execPath, args, { cwd: workDir, encoding: 'utf8', timeout: 180_000 });
  const chatter = `${scan.stdout ?? ''}${scan.stderr ?? ''}`;
  if (/error in your custom checks list/i.test(chatter)) throw new GateError('Electronegativity rejected the -x check list');
  if (scan.status !== 0) throw new GateError(`Electronegativity exited ${scan.status}: ${chatter.slice(0, 500)}`);
  if (!existsSync(sarifPath)) throw new GateError('Electronegativity wrote no SARIF file');
  return JSON.parse(readFileSync(sarifPath, 'utf8'));
}

export function main(argv = process.argv.slice(2)) {
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? resolve(argv[i + 1]) : fallback;
  };
  const outDir = opt('--input', join(ROOT, 'out'));
  const allowPath = opt('--allow', join(ROOT, 'security/electronegativity-allow.json'));
  const workDir = mkdtempSync(join(tmpdir(), 'pos-eng-'));
  try {
    checkExcludedNamesExist();
    const allowList = parseAllowList(readFileSync(allowPath, 'utf8'));
    ensureBundle(outDir);
    const result = evaluate(runScan(outDir, workDir), allowList, { requireCanary: true });
    for (const f of result.failing) console.log(`  FAIL ${f.rule} ${f.file}:${f.line} [${f.level}] ${f.message}`);
    for (const e of result.unusedAllow) console.log(`  FAIL allow-list entry ${e.rule} ${e.file} matched nothing: remove it (a stale exception would hide a future finding)`);
    console.log(summaryLine(result));
    if (result.unusedAllow.length) console.log(`electronegativity: ${result.unusedAllow.length} allow-list entries match nothing`);
    return gatePasses(result) ? 0 : 1;
  } catch (error) {
    console.log(`electronegativity: gate error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main();
