// Vitest reporter for `npm run soak` (scripts/soak.mjs adds it): writes docs/SOAK.md with the
// date, machine load, and per suite its seed, size, result and duration, the command that replays it,
// and what the suite printed (fault tallies, recovery times). Written whether the run passed or not.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { SEED_LINE_TAG } from './sizes';

// Not docs/RELIABILITY.md: on case-insensitive file systems (macOS, Windows) that is the same file as the
// reliability notes, docs/reliability.md. Upper case marks a generated report, like docs/BENCHMARKS.md.
export const SOAK_DOC = 'docs/SOAK.md';

interface Log {
  readonly taskId: string | undefined;
  readonly content: string;
}

const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** `[seed] <file> seed=<n> size=<s> (soak) replay: <cmd>` -> its parts. */
function parseSeedLine(line: string): { file: string; seed: string; size: string; replay: string } | null {
  const m = /^\[seed\] (\S+) seed=(\d+) size=(\S+) \(\w+\) replay: (.+)$/.exec(line.trim());
  return m ? { file: m[1]!, seed: m[2]!, size: m[3]!, replay: m[4]! } : null;
}

export default class SoakReporter implements Reporter {
  private vitest: Vitest | null = null;
  private startedAt = new Date();
  private loadAtStart = load();
  private readonly logs: Log[] = [];

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.startedAt = new Date();
    this.loadAtStart = load();
  }

  onUserConsoleLog(log: { content: string; taskId?: string }): void {
    // eslint-disable-next-line no-control-regex -- colours from util.inspect
    this.logs.push({ taskId: log.taskId, content: log.content.replace(/\x1b\[[0-9;]*m/g, '') });
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): void {
    const wallMs = Date.now() - this.startedAt.getTime();
    const rows: string[] = [];
    const replays: string[] = [];
    const details: string[] = [];
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of [...modules].sort((a, b) => a.moduleId.localeCompare(b.moduleId))) {
      const file = relative(process.cwd(), m.moduleId);
      const own = this.logs.filter((l) => this.moduleOf(l.taskId) === m.moduleId).map((l) => l.content.trimEnd());
      const seedLines = own.map(parseSeedLine).filter((s) => s !== null);
      const tests = [...m.children.allTests()];
      const states = tests.map((t) => t.result().state);
      const p = states.filter((s) => s === 'passed').length;
      const f = states.filter((s) => s === 'failed').length + (m.state() === 'failed' && tests.length === 0 ? 1 : 0);
      passed += p;
      failed += f;
      skipped += states.length - p - states.filter((s) => s === 'failed').length;
      const seed = seedLines.map((s) => s.seed).join(', ') || '-';
      const size = seedLines.map((s) => s.size).join(', ') || '-';
      rows.push(`| \`${file}\` | ${size} | ${seed} | ${f === 0 ? 'pass' : 'FAIL'} (${p}/${tests.length}) | ${seconds(m.diagnostic().duration)} |`);
      replays.push(...seedLines.map((s) => s.replay));
      const failures = tests
        .filter((t) => t.result().state === 'failed')
        .map((t) => `FAILED ${t.fullName}: ${(t.result().errors?.[0]?.message ?? '').split('\n')[0]!.slice(0, 300)}`);
      const printed = own.filter((l) => !l.startsWith(SEED_LINE_TAG)).map((l) => (l.length > 600 ? `${l.slice(0, 600)} …` : l));
      if (printed.length || failures.length) details.push(`### \`${file}\``, '', '```text', ...failures, ...printed, '```', '');
    }
    failed += unhandled.length;
    const doc = [
      '# Soak run',
      '',
      'Written by `npm run soak` (scripts/soak.mjs, test/support/soak-reporter.ts): the randomised suites at',
      'the full sizes of docs/reliability.md section 6, with random seeds. `npm test` runs the same suites at',
      'a fixed seed and reduced sizes. The last run is committed; re-run it before a release.',
      '',
      `- Date: ${this.startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}`,
      `- Result: ${failed === 0 ? 'PASS' : 'FAIL'}: ${passed} passed, ${failed} failed, ${skipped} skipped`,
      `- Wall time: ${seconds(wallMs)}, one suite at a time`,
      `- Machine: ${cpus().length} cores, Node ${process.version}, load average (1/5/15 min) ${this.loadAtStart} at start, ${load()} at end`,
      '',
      '| Suite | Size | Seed | Result (tests) | Duration |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      '## Replay',
      '',
      'Each seed replays with its env var (the soak project exists only with WXPAY_SOAK=1):',
      '',
      '```sh',
      ...replays,
      '```',
      '',
      '## What the suites printed',
      '',
      ...details,
      ...(unhandled.length ? ['## Unhandled errors', '', '```text', ...unhandled.map((e) => e.message ?? String(e)), '```', ''] : []),
    ].join('\n');
    writeFileSync(SOAK_DOC, doc);
    console.log(`\nsoak summary written to ${SOAK_DOC}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    for (const r of replays) console.log(`  replay: ${r}`);
  }

  private moduleOf(taskId: string | undefined): string | null {
    if (!taskId || !this.vitest) return null;
    const e = this.vitest.state.getReportedEntityById(taskId);
    if (!e) return null;
    return e.type === 'module' ? e.moduleId : e.module.moduleId;
  }
}
