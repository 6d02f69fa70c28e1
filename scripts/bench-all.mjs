#!/usr/bin/env node
// `npm run bench`: runs every benchmark RUNS times (default 3; each run a fresh process, each writes its
// full table to docs/bench/<name>.md and prints one BENCH_METRICS line), records the machine's load
// (`uptime`) before each run, then writes docs/BENCHMARKS.md: per benchmark the min / median / max of its
// headline metrics over the runs with the load of each run, followed by the full tables of the last run.
// Benchmarks are never part of `npm test`.
//   node scripts/bench-all.mjs [codec|sim|store|engine ...] [--runs=N] [--collect]
// `--collect` only rewrites docs/BENCHMARKS.md from the existing docs/bench/*.md and docs/bench/runs.json.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const collectOnly = args.includes('--collect');
const runs = Math.max(1, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? process.env.BENCH_RUNS ?? 3));
const only = args.filter((a) => !a.startsWith('--'));
const ALL = ['codec', 'sim', 'store', 'engine', 'reconcile', 'day-report', 'quickpay', 'print', 'hq', 'history-tail', 'audit-seal']; // issue 13 day-report, 12 quickpay, 14 print, 16 hq, 15 history-tail, 11 audit-seal
const benches = collectOnly ? [] : ALL.filter((b) => only.length === 0 || only.includes(b));
const METRICS_PREFIX = 'BENCH_METRICS ';
const RUNS_FILE = 'docs/bench/runs.json';

function uptime() {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
  } catch {
    return 'uptime unavailable';
  }
}

/** Runs one benchmark process, echoing its output: its exit code and metrics (null if it printed none). */
function runOnce(name) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', `bench/${name}.bench.ts`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      process.stdout.write(c);
    });
    child.on('close', (code) => {
      const line = out.split('\n').reverse().find((l) => l.startsWith(METRICS_PREFIX));
      resolve({ code, metrics: line ? JSON.parse(line.slice(METRICS_PREFIX.length)) : null });
    });
  });
}

mkdirSync('docs/bench', { recursive: true });
/** { bench: [{ load, startedAt, seconds, metrics }] } - kept between invocations so one bench can be re-run alone. */
const history = existsSync(RUNS_FILE) ? JSON.parse(readFileSync(RUNS_FILE, 'utf8')) : {};
let failed = 0;
const t0 = Date.now();
for (const b of benches) {
  if (!existsSync(`bench/${b}.bench.ts`)) continue;
  history[b] = [];
  for (let r = 1; r <= runs; r++) {
    const load = uptime();
    console.log(`\n=== bench:${b} run ${r}/${runs} · ${load} ===`);
    const started = Date.now();
    const { code, metrics } = await runOnce(b);
    // A run that missed a target still measured something: keep its numbers, mark it.
    if (code !== 0) failed++;
    history[b].push({ load, startedAt: new Date(started).toISOString(), seconds: Math.round((Date.now() - started) / 1000), exitCode: code, metrics });
  }
  writeFileSync(RUNS_FILE, `${JSON.stringify(history, null, 2)}\n`);
}

const fmt = (x) => (typeof x !== 'number' || Number.isNaN(x) ? '-' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
function summary(b) {
  const rs = history[b] ?? [];
  if (rs.length === 0) return '';
  const names = [...new Set(rs.flatMap((r) => Object.keys(r.metrics ?? {})))];
  const head = `| ${b}: metric | ${rs.map((_, i) => `run ${i + 1}`).join(' | ')} | min | median | max |`;
  const rows = names.map((n) => {
    const xs = rs.map((r) => r.metrics?.[n]);
    const ok = xs.filter((x) => typeof x === 'number').sort((p, q) => p - q);
    const med = ok.length ? ok[Math.floor((ok.length - 1) / 2)] : NaN;
    return `| ${n} | ${xs.map(fmt).join(' | ')} | ${fmt(ok[0])} | **${fmt(med)}** | ${fmt(ok[ok.length - 1])} |`;
  });
  const loads = rs.map((r, i) => `- run ${i + 1} (${r.startedAt}, ${r.seconds} s${r.exitCode === 0 ? '' : `, exit code ${r.exitCode}`}): \`${r.load}\``);
  return [head, `|---|${rs.map(() => '---:').join('|')}|---:|---:|---:|`, ...rows, '', 'Load before each run (`uptime`):', '', ...loads].join('\n');
}

const summaries = ALL.map(summary).filter(Boolean);
const parts = readdirSync('docs/bench')
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => readFileSync(`docs/bench/${f}`, 'utf8').trim().replace(/^#/gm, '##'));
writeFileSync(
  'docs/BENCHMARKS.md',
  `# Benchmarks

Produced by \`npm run bench\` (scripts/bench-all.mjs): every benchmark runs ${runs} times, each in a fresh
process; the first tables give the min / median / max of each benchmark's headline metrics over those runs
and the machine's load before each run (2 shared cores: numbers taken under load are upper bounds). The
sections after them are the full tables of the last run (each also by its own \`npm run bench:<name>\`).
Peers are measured in the same process and run. Targets come from the issues.

## Runs

${summaries.join('\n\n')}

${parts.join('\n\n')}
`,
);
console.log(`\ndocs/BENCHMARKS.md written (${summaries.length} summaries, ${parts.length} sections) in ${Math.round((Date.now() - t0) / 1000)} s`);
process.exit(failed ? 1 : 0);
