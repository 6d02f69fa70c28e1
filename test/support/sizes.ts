// Seed and size of a randomised suite, in one line per suite. Two vitest projects share the suites
// (vitest.config.ts): `unit` (what `npm test` runs) uses a fixed default seed and a reduced size, so CI
// is fast and repeatable; `soak` (`npm run soak`, WXPAY_SOAK=1) uses a random seed and the full size
// of the reliability plan (docs/reliability.md section 6). Either way the suite's own env var overrides
// the seed (and sizeVar the size), and the seed is printed with the command that replays it.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The env var the soak project (and scripts/soak.mjs) sets. */
export const SOAK_ENV = 'WXPAY_SOAK';
/** The seed every suite uses in the unit project unless its env var says otherwise. */
export const UNIT_SEED = 20_260_601;
/** Marks the printed line so the soak reporter can list seeds and sizes. */
export const SEED_LINE_TAG = '[seed]';

export type Size = number | Readonly<Record<string, number>>;

export interface SuiteSpec<S extends Size> {
  /** Env var that overrides (and replays) the seed. */
  readonly seedVar: string;
  /** Env var that overrides a numeric size (kept from before the projects existed). */
  readonly sizeVar?: string;
  readonly unit: S;
  readonly soak: S;
}

export interface SuitePlan<S extends Size> {
  readonly seed: number;
  readonly size: S;
  readonly soak: boolean;
}

export const isSoak = (): boolean => process.env[SOAK_ENV] === '1';

function envInt(name: string): number | null {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}=${raw}: expected a whole number ≥ 0 / ${name} 必须是非负整数`);
  return n;
}

/**
 * Seed and size for the suite in `fileUrl` (pass import.meta.url). Prints one line:
 *   [seed] test/unit/engine/model.test.ts seed=… size=… (unit) replay: ENGINE_MODEL_SEED=… npx vitest run …
 */
export function suitePlan<S extends Size>(fileUrl: string, spec: SuiteSpec<S>): SuitePlan<S> {
  const soak = isSoak();
  const seed = envInt(spec.seedVar) ?? (soak ? Math.floor(Math.random() * 2 ** 31) : UNIT_SEED);
  const sizeOverride = spec.sizeVar ? envInt(spec.sizeVar) : null;
  const base = soak ? spec.soak : spec.unit;
  const size = (typeof base === 'number' && sizeOverride !== null ? sizeOverride : base) as S;
  const file = relative(process.cwd(), fileURLToPath(fileUrl));
  const sizeText = typeof size === 'number' ? String(size) : Object.entries(size).map(([k, v]) => `${k}:${v}`).join(',');
  const replay = soak ? `${SOAK_ENV}=1 ${spec.seedVar}=${seed} npx vitest run --project soak ${file}` : `${spec.seedVar}=${seed} npx vitest run ${file}`;
  console.log(`${SEED_LINE_TAG} ${file} seed=${seed} size=${sizeText} (${soak ? 'soak' : 'unit'}) replay: ${replay}`);
  return { seed, size, soak };
}
