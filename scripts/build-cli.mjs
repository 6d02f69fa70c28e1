#!/usr/bin/env node
// Builds the `wxpay-pos` command to plain JavaScript: src/cli (with the core, sim and common code it
// uses) bundled into out/cli/index.mjs, each command in its own chunk so a command loads only what it
// needs. npm packages (better-sqlite3 with its native addon, undici, node-forge, zod, ...) stay
// external and load from node_modules at run time; nothing from tsx or TypeScript is needed to run it.
// out/cli sits two folders below the project like src/cli, so paths to resources/ resolve alike.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'out/cli';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/cli/index.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  // chunks beside index.mjs: every file stays two folders below the project (see above)
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`built ${outdir}/index.mjs`);
