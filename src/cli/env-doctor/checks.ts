// The doctor's verdicts, from facts alone (no I/O): one line per thing that must be right, in zh-CN and
// English, each failing one with the command that fixes it.
import { BINDING_FIX_COMMAND, describeBinding, judgeBinding } from '../../common/electron-binding';
import type { DoctorFacts } from './facts';
import { satisfies } from './version-range';

/** What a failing line keeps from running. */
export type Needed = 'app' | 'tests' | 'app+tests';

export interface CheckLine {
  readonly id: 'node' | 'npm' | 'electron-package' | 'electron-binary' | 'electron-binding' | 'chromium' | 'data-folder' | 'test-certs';
  readonly ok: boolean;
  readonly zh: string;
  readonly en: string;
  /** The command (or step) that fixes a failing line. */
  readonly fix?: { readonly zh: string; readonly en: string };
  readonly needed: Needed;
}

export const ELECTRON_INSTALL_COMMAND = 'node node_modules/electron/install.js';

function versionLine(id: 'node' | 'npm', have: string | null, range: string | undefined): CheckLine {
  const name = id === 'node' ? 'Node.js' : 'npm';
  const install = id === 'node' ? `Node.js ${range ?? ''}`.trim() : `npm ${range ?? ''}`.trim();
  const fixCmd = id === 'node' ? `nvm install --lts` : `npm install -g npm@${range?.replace(/^[^\d]*/, '').split(/\s/)[0] ?? 'latest'}`;
  const fix = { zh: `安装 ${install}（例如 \`${fixCmd}\`）`, en: `install ${install} (e.g. \`${fixCmd}\`)` };
  if (have === null) return { id, ok: false, zh: `找不到 ${name}`, en: `${name} not found`, fix, needed: 'app+tests' };
  if (range === undefined) return { id, ok: true, zh: `${name} ${have}（package.json 未限定版本）`, en: `${name} ${have} (package.json sets no requirement)`, needed: 'app+tests' };
  const verdict = satisfies(have, range);
  if (verdict === true) return { id, ok: true, zh: `${name} ${have} 满足 package.json 的要求 ${range}`, en: `${name} ${have} meets package.json engines ${range}`, needed: 'app+tests' };
  if (verdict === null) return { id, ok: false, zh: `无法判断 ${name} ${have} 是否满足 "${range}"`, en: `cannot tell whether ${name} ${have} meets "${range}"`, fix, needed: 'app+tests' };
  return { id, ok: false, zh: `${name} ${have} 不满足 package.json 的要求 ${range}`, en: `${name} ${have} does not meet package.json engines ${range}`, fix, needed: 'app+tests' };
}

export function runChecks(f: DoctorFacts): CheckLine[] {
  const lines: CheckLine[] = [versionLine('node', f.node, f.engines['node']), versionLine('npm', f.npm, f.engines['npm'])];

  if (f.electron === null) {
    lines.push({ id: 'electron-package', ok: false, zh: '未安装 electron 依赖包（node_modules/electron）', en: 'the electron package is not installed (node_modules/electron)', fix: { zh: '运行 `npm ci`', en: 'run `npm ci`' }, needed: 'app+tests' });
  } else {
    const e = f.electron;
    lines.push(
      e.binary === null
        ? {
            id: 'electron-binary',
            ok: false,
            zh: `Electron ${e.version} 的可执行文件未下载：无法运行收银程序，Electron 测试套件会跳过`,
            en: `the Electron ${e.version} binary is not downloaded: the app cannot run and the Electron suite skips`,
            fix: {
              zh: `运行 \`${ELECTRON_INSTALL_COMMAND}\`（需要访问 GitHub），或把 ELECTRON_OVERRIDE_DIST_PATH 指向已解压的 Electron ${e.version}`,
              en: `run \`${ELECTRON_INSTALL_COMMAND}\` (needs access to GitHub), or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron ${e.version}`,
            },
            needed: 'app+tests',
          }
        : { id: 'electron-binary', ok: true, zh: `Electron ${e.version} 可执行文件：${e.binary}`, en: `Electron ${e.version} binary: ${e.binary}`, needed: 'app+tests' },
    );
  }

  if (f.target === null) {
    lines.push({
      id: 'electron-binding',
      ok: false,
      zh: '无法检查 Electron 用的数据库组件：不知道已安装的 Electron 版本/ABI',
      en: 'cannot check the database library for Electron: the installed Electron version/ABI is unknown',
      fix: { zh: '运行 `npm ci`', en: 'run `npm ci`' },
      needed: 'app+tests',
    });
  } else {
    const verdict = judgeBinding(f.target, f.binding.head, f.binding.stampText);
    const words = describeBinding(verdict, f.target);
    lines.push({
      id: 'electron-binding',
      ok: verdict.kind === 'fresh',
      zh: verdict.kind === 'fresh' ? words.zh : `${words.zh}：无法运行收银程序，Electron 测试套件会跳过`,
      en: verdict.kind === 'fresh' ? words.en : `${words.en}: the app cannot run and the Electron suite skips`,
      ...(verdict.kind === 'fresh'
        ? {}
        : { fix: { zh: `运行 \`${BINDING_FIX_COMMAND}\`（先下载预编译文件，不行再用 C++ 工具编译）`, en: `run \`${BINDING_FIX_COMMAND}\` (downloads the prebuilt binary, else compiles it with a C++ toolchain)` } }),
      needed: 'app+tests',
    });
  }

  const broken = f.chromiumPathBroken === null ? '' : `; CHROMIUM_PATH=${f.chromiumPathBroken} does not exist`;
  const brokenZh = f.chromiumPathBroken === null ? '' : `；CHROMIUM_PATH=${f.chromiumPathBroken} 不存在`;
  lines.push(
    f.chromium === null
      ? {
          id: 'chromium',
          ok: false,
          zh: `找不到浏览器测试用的 Chromium${brokenZh}`,
          en: `no Chromium for the browser harness tests${broken}`,
          fix: {
            zh: '运行 `apt-get install chromium`（Debian/Ubuntu）或 `npx playwright install chromium`，或设置 CHROMIUM_PATH=<chromium 路径>',
            en: 'run `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH=<path to chromium>',
          },
          needed: 'tests',
        }
      : { id: 'chromium', ok: true, zh: `浏览器测试用的 Chromium：${f.chromium.path}（来自 ${f.chromium.via}）${brokenZh}`, en: `Chromium for the browser harness: ${f.chromium.path} (from ${f.chromium.via})${broken}`, needed: 'tests' },
  );

  lines.push(
    f.dataDir.writable
      ? { id: 'data-folder', ok: true, zh: `数据目录可写：${f.dataDir.path}`, en: `data folder is writable: ${f.dataDir.path}`, needed: 'app' }
      : {
          id: 'data-folder',
          ok: false,
          zh: `数据目录不可写：${f.dataDir.path}`,
          en: `data folder is not writable: ${f.dataDir.path}`,
          fix: {
            zh: `运行 \`mkdir -p "${f.dataDir.path}" && sudo chown -R "$USER" "${f.dataDir.path}"\`，或把 WXPAY_POS_DATA_DIR 设为可写目录`,
            en: `run \`mkdir -p "${f.dataDir.path}" && sudo chown -R "$USER" "${f.dataDir.path}"\`, or set WXPAY_POS_DATA_DIR to a writable folder`,
          },
          needed: 'app',
        },
  );

  lines.push(
    f.certs.missing.length === 0
      ? { id: 'test-certs', ok: true, zh: `测试证书齐全（${f.certs.dir}）`, en: `test certificates present (${f.certs.dir})`, needed: 'app+tests' }
      : {
          id: 'test-certs',
          ok: false,
          zh: `缺少测试证书：${f.certs.missing.join(', ')}（${f.certs.dir}）`,
          en: `test certificates missing: ${f.certs.missing.join(', ')} (${f.certs.dir})`,
          fix: { zh: '运行 `npm run certs`', en: 'run `npm run certs`' },
          needed: 'app+tests',
        },
  );
  return lines;
}
