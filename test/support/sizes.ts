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
  /** Env var(s) overriding the size (kept from before the projects existed): one for a numeric size,
   *  or one per key of a record size. */
  readonly sizeVar?: S extends number ? string : { readonly [K in keyof S]?: string };
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

function withOverrides<S extends Size>(base: S, vars: SuiteSpec<S>['sizeVar']): S {
  if (vars === undefined) return base;
  if (typeof base === 'number') return (envInt(vars as string) ?? base) as S;
  const out: Record<string, number> = { ...base };
  for (const [key, name] of Object.entries(vars as Record<string, string | undefined>)) {
    const n = name === undefined ? null : envInt(name);
    if (n !== null) out[key] = n;
  }
  return out as unknown as S;
}

/**
 * Seed and size for the suite in `fileUrl` (pass import.meta.url). Prints one line:
 *   [seed] test/unit/engine/model.test.ts seed=… size=… (unit) replay: ENGINE_MODEL_SEED=… npx vitest run …
 */
export function suitePlan<S extends Size>(fileUrl: string, spec: SuiteSpec<S>): SuitePlan<S> {
  const soak = isSoak();
  const seed = envInt(spec.seedVar) ?? (soak ? Math.floor(Math.random() * 2 ** 31) : UNIT_SEED);
  const size = withOverrides(soak ? spec.soak : spec.unit, spec.sizeVar);
  const file = relative(process.cwd(), fileURLToPath(fileUrl));
  const sizeText = typeof size === 'number' ? String(size) : Object.entries(size).map(([k, v]) => `${k}:${v}`).join(',');
  // a size changed by env var is part of the replay
  const sizeVars = spec.sizeVar === undefined ? [] : typeof spec.sizeVar === 'string' ? [spec.sizeVar] : Object.values(spec.sizeVar as Record<string, string>);
  const vars = [`${spec.seedVar}=${seed}`, ...sizeVars.filter((v) => envInt(v) !== null).map((v) => `${v}=${envInt(v)}`)].join(' ');
  const replay = soak ? `${SOAK_ENV}=1 ${vars} npx vitest run --project soak ${file}` : `${vars} npx vitest run ${file}`;
  console.log(`${SEED_LINE_TAG} ${file} seed=${seed} size=${sizeText} (${soak ? 'soak' : 'unit'}) replay: ${replay}`);
  return { seed, size, soak };
}
