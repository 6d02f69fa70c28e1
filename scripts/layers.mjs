// The layering table of docs/architecture.md, checked mechanically. Imported by the test in
// test/unit/layers.test.ts (so `npm test` fails on a wrong import) and runnable on its own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

/** Layer of a file under src/, or null outside the layered tree. */
export function layerOf(relPath) {
  const parts = relPath.split(/[\\/]/);
  if (parts[0] !== 'src' || parts.length < 2) return null;
  if (parts.length === 2 && /\.[cm]?[jt]sx?$/.test(parts[1])) return null; // a file directly in src/
  if (parts[1] === 'core' && parts[2] === 'wxpay') return 'core/wxpay';
  return parts[1];
}

const NODE_BUILTIN = /^node:|^(fs|path|os|crypto|http|https|net|tls|zlib|child_process|worker_threads|stream|url|util|events|buffer|dns|module|process|v8|vm|assert)(\/|$)/;

/**
 * Decides whether a file in layer `from` may import `spec` (resolved to `target` when relative).
 * Returns a reason string when forbidden, else null.
 */
export function violation(from, spec, targetLayer) {
  const isRelative = spec.startsWith('.');
  const isElectron = spec === 'electron' || spec.startsWith('electron/');
  const isNode = !isRelative && NODE_BUILTIN.test(spec);
  const isPackage = !isRelative && !isNode && !isElectron;
  switch (from) {
    case 'common':
      if (!isRelative) return `common imports nothing outside itself, not '${spec}'`;
      if (targetLayer !== 'common') return `common may not import ${targetLayer ?? spec}`;
      return null;
    case 'core':
    case 'core/wxpay':
      if (isElectron) return 'core never imports electron';
      if (isPackage && /^(react|react-dom)(\/|$)/.test(spec)) return 'core never imports react';
      // No arrow up: the simulator and the host reach core through ports (core/settings/sandbox-port.ts).
      if (isRelative && !['common', 'core', 'core/wxpay'].includes(targetLayer ?? '')) return `core may not import ${targetLayer}`;
      return null;
    case 'sim':
      if (isElectron) return 'sim never imports electron';
      if (isRelative && !['common', 'sim', 'core/wxpay'].includes(targetLayer ?? '')) return `sim may import only common and core/wxpay, not ${targetLayer}`;
      return null;
    case 'host':
      if (isElectron) return 'host never imports electron';
      if (isPackage && /^(react|react-dom)(\/|$)/.test(spec)) return 'host never imports react';
      if (isRelative && !['common', 'core', 'core/wxpay', 'sim', 'host'].includes(targetLayer ?? '')) return `host may import only core, sim and common, not ${targetLayer}`;
      return null;
    case 'main':
      if (isPackage && /^(react|react-dom)(\/|$)/.test(spec)) return 'main never imports react';
      if (isRelative && !['common', 'core', 'core/wxpay', 'host', 'main'].includes(targetLayer ?? '')) return `main may not import ${targetLayer} (sandbox wiring goes through host)`;
      return null;
    case 'preload':
      if (isNode) return `preload never imports node builtins ('${spec}')`;
      if (isPackage) return `preload imports only electron and common, not '${spec}'`;
      if (isRelative && !['common', 'preload'].includes(targetLayer ?? '')) return `preload may not import ${targetLayer}`;
      return null;
    case 'renderer':
      if (isElectron) return 'renderer never imports electron';
      if (isNode) return `renderer never imports node builtins ('${spec}')`;
      if (isRelative && !['common', 'renderer'].includes(targetLayer ?? '')) return `renderer may not import ${targetLayer}`;
      return null;
    case 'cli':
      if (isElectron) return 'cli never imports electron';
      if (isRelative && !['common', 'core', 'core/wxpay', 'sim', 'host', 'cli', 'hq'].includes(targetLayer ?? '')) return `cli may not import ${targetLayer}`;
      return null;
    // --- issue 16 head office: hq imports common, core's pure modules and itself (never sim, host, electron, react)
    case 'hq':
      if (isElectron) return 'hq never imports electron';
      if (isPackage && /^(react|react-dom)(\/|$)/.test(spec)) return 'hq never imports react';
      if (isRelative && !['common', 'core', 'core/wxpay', 'hq'].includes(targetLayer ?? '')) return `hq may import only common and core, not ${targetLayer}`;
      return null;
    default:
      return `unknown layer '${from}' (add it to docs/architecture.md and scripts/layers.mjs)`;
  }
}

/** Every module specifier in a TS/JS source: static imports/exports, dynamic import(), require(). */
export function importsOf(source) {
  const specs = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\w*{}\s,]*\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1]);
  return specs;
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Checks every source file under root/src; returns the list of violations. */
export function checkLayers(root) {
  const problems = [];
  for (const file of walk(join(root, 'src'))) {
    const rel = relative(root, file).split(sep).join('/');
    const from = layerOf(rel);
    if (!from) continue;
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const targetRel = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)).split(sep).join('/') : null;
      const targetLayer = targetRel ? layerOf(targetRel) : null;
      if (targetRel && !targetRel.startsWith('src/')) {
        problems.push({ file: rel, spec, reason: 'imports from outside src/' });
        continue;
      }
      const reason = violation(from, spec, targetLayer);
      if (reason) problems.push({ file: rel, spec, reason });
      else if (from === 'sim' && targetLayer === 'core/wxpay' && !/^src\/core\/wxpay\/(sign|xml|types)/.test(targetRel)) {
        problems.push({ file: rel, spec, reason: 'sim may import only sign, xml and types of core/wxpay' });
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = checkLayers(process.cwd());
  for (const p of problems) console.error(`${p.file}: import '${p.spec}': ${p.reason}`);
  console.log(problems.length ? `${problems.length} layer violation(s)` : 'layers ok');
  process.exit(problems.length ? 1 : 0);
}
