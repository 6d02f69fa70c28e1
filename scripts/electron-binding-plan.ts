// The binding step's decisions, with every effect injected (downloads, compilers, files), so each path is
// unit-tested without a network or a toolchain (test/unit/scripts/electron-binding-plan.test.ts):
//   fresh binding            -> nothing to do
//   prebuilt for this target -> use it (better-sqlite3's own prebuild-install mechanism; no toolchain needed)
//   else C++ toolchain + Electron headers -> node-gyp in a scratch copy
//   else                     -> "cannot", with both reasons, everything left untouched
// A result is installed only after its header proves it is for the target's platform and architecture.
// node_modules is never written: both routes work in a scratch folder.
import { describeBinding, judgeBinding, type BindingStamp, type BindingTarget, type BindingVerdict } from '../src/common/electron-binding';

export type Attempt = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly why: string };
export type Probe = { readonly ok: true } | { readonly ok: false; readonly why: string };

export interface BindingEffects {
  /** The binding in the output folder now: first bytes and stamp text (null = absent). */
  current(): { head: Uint8Array | null; stampText: string | null };
  /** Download the prebuilt binary for target; the file it left in a scratch folder. */
  prebuilt(target: BindingTarget): Promise<Attempt>;
  /** Can node-gyp build for target here (compiler, python, make, Electron headers)? */
  toolchain(target: BindingTarget): Promise<Probe>;
  compile(target: BindingTarget): Promise<Attempt>;
  /** First bytes of a produced file. */
  head(file: string): Uint8Array | null;
  /** Copy file into the output folder and write its stamp next to it. */
  install(file: string, stamp: BindingStamp): void;
  /** Remove scratch folders. */
  cleanup(): void;
  now(): Date;
  log(line: string): void;
}

export type BindingOutcome =
  | { readonly kind: 'up-to-date'; readonly stamp: BindingStamp }
  | { readonly kind: 'made'; readonly source: 'prebuilt' | 'compiled'; readonly was: BindingVerdict['kind'] }
  | { readonly kind: 'cannot'; readonly was: BindingVerdict['kind']; readonly reason: string };

function rejectForeign(target: BindingTarget, effects: BindingEffects, file: string, what: string): string | null {
  // A fresh stamp is about to be written, so judge the header alone (stamp text = the one we would write).
  const verdict = judgeBinding(target, effects.head(file), JSON.stringify(target));
  return verdict.kind === 'fresh' ? null : `the ${what} binary is unusable: ${describeBinding(verdict, target).en}`;
}

export async function makeBinding(target: BindingTarget, effects: BindingEffects, opts: { force?: boolean } = {}): Promise<BindingOutcome> {
  const now = effects.current();
  const verdict = judgeBinding(target, now.head, now.stampText);
  if (verdict.kind === 'fresh' && opts.force !== true) return { kind: 'up-to-date', stamp: verdict.stamp };
  if (verdict.kind !== 'missing' && verdict.kind !== 'fresh') effects.log(`replacing: ${describeBinding(verdict, target).en}`);
  const stamp = (source: 'prebuilt' | 'compiled'): BindingStamp => ({ ...target, source, builtAt: effects.now().toISOString() });
  const label = `better-sqlite3${target.betterSqlite3 === undefined ? '' : ` ${target.betterSqlite3}`} for Electron ${target.electron} (ABI ${target.abi}, ${target.platform}-${target.arch})`;
  try {
    effects.log(`looking for a prebuilt ${label}`);
    const pre = await effects.prebuilt(target);
    const preWhy = pre.ok ? rejectForeign(target, effects, pre.file, 'downloaded') : pre.why;
    if (pre.ok && preWhy === null) {
      effects.install(pre.file, stamp('prebuilt'));
      return { kind: 'made', source: 'prebuilt', was: verdict.kind };
    }
    effects.log(`no prebuilt binary (${preWhy}); checking whether node-gyp can compile it here`);
    const tools = await effects.toolchain(target);
    if (!tools.ok) {
      return { kind: 'cannot', was: verdict.kind, reason: `no prebuilt binary could be fetched (${preWhy}) and it cannot be compiled here (${tools.why})` };
    }
    const built = await effects.compile(target);
    const builtWhy = built.ok ? rejectForeign(target, effects, built.file, 'compiled') : built.why;
    if (built.ok && builtWhy === null) {
      effects.install(built.file, stamp('compiled'));
      return { kind: 'made', source: 'compiled', was: verdict.kind };
    }
    return { kind: 'cannot', was: verdict.kind, reason: `no prebuilt binary could be fetched (${preWhy}) and compiling failed (${builtWhy})` };
  } finally {
    effects.cleanup();
  }
}

/** The one sentence about what was made for whom, e.g. for the Electron suite's skip reason. */
export function outcomeLine(outcome: BindingOutcome, target: BindingTarget): string {
  const who = `Electron ${target.electron} (ABI ${target.abi}, ${target.platform}-${target.arch})`;
  switch (outcome.kind) {
    case 'up-to-date':
      return `the better-sqlite3 binding for ${who} is up to date`;
    case 'made':
      return `made the better-sqlite3 binding for ${who} from a ${outcome.source === 'prebuilt' ? 'prebuilt binary' : 'node-gyp build'}`;
    case 'cannot':
      return `the better-sqlite3 binding for ${who} cannot be made on this machine: ${outcome.reason}`;
    default: {
      const never: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(never)}`);
    }
  }
}
