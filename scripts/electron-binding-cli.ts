// `node scripts/electron-binding.mjs [--check] [--force] [--for-start] [--platform P --arch A]`
// Makes build/electron-native/better_sqlite3.node for the installed Electron (docs/electron-native.md).
//   (none)        make it if missing, stale or for another architecture; no-op when fresh
//   --force       make it even when fresh
//   --check       say whether it is fresh; exit 0 if so, 1 if not (makes nothing)
//   --for-start   (npm prestart) also require the Electron binary itself, and say what to do without it
//   --platform/--arch  make it for a packaging target (the electron-builder hook passes these)
// Exit codes: 0 ready, 1 not ready (--check, or no Electron binary for --for-start), 2 cannot be made here.
import { join } from 'node:path';
import { BINDING_FIX_COMMAND, describeBinding, judgeBinding, type BindingTarget } from '../src/common/electron-binding';
import { bindingDir, bindingTarget, findElectron, readBinding } from '../src/cli/env-doctor/electron-install';
import { realEffects } from './electron-binding-effects';
import { makeBinding, outcomeLine, type BindingOutcome } from './electron-binding-plan';

export const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
export const ELECTRON_INSTALL_FIX = 'node node_modules/electron/install.js';

export interface StepIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: StepIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The installed Electron's target, or a plain reason why there is none. */
export function installedTarget(root: string, platform?: string, arch?: string): { ok: true; target: BindingTarget } | { ok: false; why: string } {
  const electron = findElectron(root);
  if (electron === null) return { ok: false, why: 'the electron package is not installed (run `npm ci`)' };
  const target = bindingTarget(electron, root, platform, arch);
  if (target === null) return { ok: false, why: `node_modules/electron ${electron.version} has no abi_version file (reinstall it with \`npm ci\`)` };
  return { ok: true, target };
}

/** Make (or confirm) the binding for target in root's build/electron-native. For the hook and the suite's setup. */
export async function ensureBinding(root: string, target: BindingTarget, opts: { force?: boolean; log?: (l: string) => void } = {}): Promise<BindingOutcome> {
  return makeBinding(target, realEffects({ root, outDir: bindingDir(root), ...(opts.log ? { log: opts.log } : {}) }), opts);
}

export async function main(argv: readonly string[], io: StepIo = consoleIo, root: string = ROOT): Promise<number> {
  const found = installedTarget(root, flag(argv, '--platform'), flag(argv, '--arch'));
  if (!found.ok) {
    io.err(`electron-binding: 无法确定目标 Electron / cannot tell which Electron to build for: ${found.why}`);
    return 2;
  }
  const { target } = found;
  if (argv.includes('--check')) {
    const { head, stampText } = readBinding(bindingDir(root));
    const verdict = judgeBinding(target, head, stampText);
    const words = describeBinding(verdict, target);
    io.out(`electron-binding: ${words.zh} / ${words.en}`);
    return verdict.kind === 'fresh' ? 0 : 1;
  }
  const outcome = await ensureBinding(root, target, { force: argv.includes('--force'), log: (l) => io.out(`electron-binding: ${l}`) });
  if (outcome.kind === 'cannot') {
    io.err(
      [
        `electron-binding: 无法为 Electron ${target.electron} 准备数据库组件 / cannot make the database library for Electron ${target.electron}:`,
        `  ${outcome.reason}.`,
        `  本机无法下载预编译文件，也无法编译。请在能访问 GitHub 的机器上运行 \`${BINDING_FIX_COMMAND}\` 并把 build/electron-native/ 复制过来，`,
        '  或安装 C++ 编译工具（Windows: Visual Studio Build Tools；macOS: xcode-select --install；Linux: build-essential python3）后重试。',
        `  This machine can neither download the prebuilt binary nor compile it. Run \`${BINDING_FIX_COMMAND}\` on a machine that`,
        '  reaches GitHub and copy build/electron-native/ here, or install a C++ toolchain (Windows: Visual Studio Build Tools;',
        '  macOS: xcode-select --install; Linux: build-essential python3) and run it again. node_modules was not touched.',
        `  若只缺 Electron 头文件，也可把它解压到 ~/.electron-gyp/${target.electron}/ / If only the Electron headers are missing, unpacking them into ~/.electron-gyp/${target.electron}/ also works.`,
        '  Tests do not need this file (the Electron suite skips without it); `npx wxpay-pos doctor` checks everything.',
      ].join('\n'),
    );
  } else {
    io.out(`electron-binding: ${outcomeLine(outcome, target)}`);
  }
  if (argv.includes('--for-start') && findElectron(root)?.binary == null) {
    io.err(
      [
        `electron-binding: Electron ${target.electron} 的可执行文件未安装 / the Electron ${target.electron} binary is not installed.`,
        `  运行 / run: ${ELECTRON_INSTALL_FIX}   (需要访问 GitHub / needs access to GitHub; \`npx wxpay-pos doctor\` checks everything)`,
      ].join('\n'),
    );
    return outcome.kind === 'cannot' ? 2 : 1;
  }
  if (outcome.kind === 'cannot') return 2;
  return 0;
}
