#!/usr/bin/env node
// `npm run bench`: runs every benchmark (each writes its table to docs/bench/<name>.md), then
// gathers the tables into docs/BENCHMARKS.md. Benchmarks are never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

// `--collect` only gathers the existing sections; names (codec, sim, store, engine) pick benchmarks.
const args = process.argv.slice(2);
const collectOnly = args.includes('--collect');
const only = args.filter((a) => !a.startsWith('--'));
const benches = collectOnly ? [] : ['codec', 'sim', 'store', 'engine', 'reconcile'].filter((b) => only.length === 0 || only.includes(b));
let failed = 0;
for (const b of benches) {
  if (!existsSync(`bench/${b}.bench.ts`)) continue;
  console.log(`\n=== bench:${b} ===`);
  const r = spawnSync('npx', ['tsx', `bench/${b}.bench.ts`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}

const parts = existsSync('docs/bench')
  ? readdirSync('docs/bench').filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(`docs/bench/${f}`, 'utf8').trim().replace(/^#/gm, '##'))
  : [];
writeFileSync(
  'docs/BENCHMARKS.md',
  `# Benchmarks\n\nProduced by \`npm run bench\` (each section by its own \`npm run bench:<name>\`). Every table names the\nmachine it ran on; peers are measured in the same process and run. Targets come from the issues.\n\n${parts.join('\n\n')}\n`,
);
console.log(`\ndocs/BENCHMARKS.md written from ${parts.length} section(s)`);
process.exit(failed ? 1 : 0);
