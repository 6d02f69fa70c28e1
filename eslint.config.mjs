// ESLint (flat config): the layering table of docs/architecture.md as `no-restricted-imports`, one rule
// set per layer. It backs the independent regex check in scripts/layers.mjs (which also sees dynamic
// import() and require()); test/unit/layers.test.ts runs both on the tree and on planted violations.
//
// A relative import reaches another layer by climbing to src/, so for a file `depth` folders below
// src/<layer>/ the import of layer X starts with '../' repeated depth + 1 times, then X. Each layer gets
// one block per depth (flat config replaces, not merges, a rule's options, so blocks must not overlap).
import { builtinModules } from 'node:module';
import tsParser from '@typescript-eslint/parser';

const LAYERS = ['common', 'core', 'sim', 'host', 'main', 'preload', 'renderer', 'cli', 'hq'];
const MAX_DEPTH = 6;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NODE_BUILTIN = `^(node:.*|(${builtinModules.filter((m) => !m.startsWith('_')).map(escape).join('|')})(/.*)?)$`;

/** What each layer may not import: other layers (relative), packages (regex on the specifier). */
const RULES = {
  common: { layers: LAYERS.filter((l) => l !== 'common'), packages: [['^[^.]', 'common imports nothing outside itself']] },
  core: {
    layers: ['sim', 'host', 'main', 'preload', 'renderer', 'cli', 'hq'],
    packages: [
      ['^electron(/.*)?$', 'core never imports electron'],
      ['^react(-dom)?(/.*)?$', 'core never imports react'],
    ],
  },
  sim: {
    layers: ['host', 'main', 'preload', 'renderer', 'cli', 'hq'],
    // of core, only the signing, XML and wire types of core/wxpay
    core: 'only core/wxpay sign, xml and types',
    packages: [['^electron(/.*)?$', 'sim never imports electron']],
  },
  host: {
    layers: ['main', 'preload', 'renderer', 'cli', 'hq'],
    packages: [
      ['^electron(/.*)?$', 'host never imports electron'],
      ['^react(-dom)?(/.*)?$', 'host never imports react'],
    ],
  },
  main: { layers: ['sim', 'preload', 'renderer', 'cli', 'hq'], packages: [['^react(-dom)?(/.*)?$', 'main never imports react']] },
  preload: {
    layers: LAYERS.filter((l) => l !== 'common' && l !== 'preload'),
    packages: [
      [NODE_BUILTIN, 'preload never imports node builtins'],
      ['^(?!electron(/|$))[^.]', 'preload imports only electron and common'],
    ],
  },
  renderer: {
    layers: LAYERS.filter((l) => l !== 'common' && l !== 'renderer'),
    packages: [
      ['^electron(/.*)?$', 'renderer never imports electron'],
      [NODE_BUILTIN, 'renderer never imports node builtins'],
    ],
  },
  cli: { layers: ['main', 'preload', 'renderer'], packages: [['^electron(/.*)?$', 'cli never imports electron']] },
  // --- issue 16 head office: `wxpay-pos hq` (cli) starts it; hq imports common and core only
  hq: {
    layers: ['sim', 'host', 'main', 'preload', 'renderer', 'cli'],
    packages: [
      ['^electron(/.*)?$', 'hq never imports electron'],
      ['^react(-dom)?(/.*)?$', 'hq never imports react'],
    ],
  },
};

function patternsFor(layer, depth) {
  const rule = RULES[layer];
  const up = `(\\./)?(\\.\\./){${depth + 1}}`;
  const patterns = rule.layers.map((target) => ({
    regex: `^${up}${target}(/.*)?$`,
    message: `${layer} may not import ${target} (docs/architecture.md, layers)`,
  }));
  if (rule.core) {
    patterns.push({ regex: `^${up}core(/(?!wxpay/(sign|xml|types)$).*)?$`, message: `${layer} may import ${rule.core}` });
  }
  for (const [regex, message] of rule.packages) patterns.push({ regex, message });
  return patterns;
}

const layerBlocks = [];
for (const layer of Object.keys(RULES)) {
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const dirs = Array.from({ length: depth }, () => '*').join('/');
    const base = depth === 0 ? `src/${layer}` : `src/${layer}/${dirs}`;
    layerBlocks.push({
      name: `layers/${layer}/depth-${depth}`,
      files: [`${base}/*.{ts,tsx,mts,cts,js,mjs,cjs}`],
      rules: { 'no-restricted-imports': ['error', { patterns: patternsFor(layer, depth) }] },
    });
  }
}

export default [
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'test-results/**'] },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  // Only the layer rules are on; the tree's disable comments are for rules this config does not enable.
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ...layerBlocks,
];
