// Shared by the benchmarks: the machine line (with its load, the machine is shared), the headline
// metrics line that scripts/bench-all.mjs collects from each of its runs, and small statistics.
import { cpus, loadavg } from 'node:os';

/** One line naming node, CPU, cores, the load average (1/5/15 min) and the time. */
export function machineLine(): string {
  const cpu = cpus();
  const load = loadavg().map((x) => x.toFixed(2)).join(' / ');
  return `node ${process.version} · ${cpu[0]?.model.trim() ?? 'unknown CPU'} · ${cpu.length} cores · load ${load} · ${new Date().toISOString()}`;
}

/** Prefix of the line bench-all parses; value = JSON { metric: number }. */
export const METRICS_PREFIX = 'BENCH_METRICS ';

/** Headline numbers of this run, for the min / median / max table of docs/BENCHMARKS.md. */
export function emitMetrics(metrics: Record<string, number>): void {
  console.log(METRICS_PREFIX + JSON.stringify(metrics));
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/** The 1-minute load average now, for the line next to each number (the machine is shared). */
export function loadNow(): string {
  return `load ${loadavg()[0]!.toFixed(2)}`;
}
