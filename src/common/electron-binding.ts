// Is build/electron-native/better_sqlite3.node the one this Electron can load? Judged WITHOUT loading it
// (loading a wrong one is exactly the ABI stack trace we must never show): the machine type from the file's
// header (ELF / PE / Mach-O) and the versions from the stamp.json the binding step writes beside it.
// One home for this judgement: main (at start), `wxpay-pos doctor`, the binding step and the Electron suite.
// Pure: no I/O (callers read the two files), so it lives in common.

export const ELECTRON_BINDING_DIR = 'build/electron-native';
export const ELECTRON_BINDING_FILE = 'better_sqlite3.node';
export const ELECTRON_BINDING_STAMP = 'stamp.json';
/** The one command that makes (or remakes) the binding; every message that names a fix names this. */
export const BINDING_FIX_COMMAND = 'node scripts/electron-binding.mjs';
/** How many leading bytes of the .node file the judge needs (a PE header sits behind the DOS stub). */
export const BINDING_HEAD_BYTES = 4096;

/** What the installed (or running) Electron needs. betterSqlite3 is unknown inside a packaged app. */
export interface BindingTarget {
  readonly electron: string;
  readonly abi: string;
  readonly platform: string;
  readonly arch: string;
  readonly betterSqlite3?: string;
}

/** stamp.json as the binding step writes it. */
export interface BindingStamp extends BindingTarget {
  readonly source?: 'prebuilt' | 'compiled';
  readonly builtAt?: string;
}

export interface MachineType {
  readonly platform: 'linux' | 'win32' | 'darwin';
  /** Node's names (process.arch); a macOS universal binary lists each slice. */
  readonly archs: readonly string[];
}

export type BindingVerdict =
  | { readonly kind: 'fresh'; readonly stamp: BindingStamp }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'wrong-arch'; readonly found: string }
  | { readonly kind: 'no-stamp' }
  | { readonly kind: 'stale'; readonly stamp: BindingStamp };

const ELF_MACHINES: Readonly<Record<number, string>> = { 3: 'ia32', 40: 'arm', 62: 'x64', 183: 'arm64', 243: 'riscv64' };
const PE_MACHINES: Readonly<Record<number, string>> = { 0x14c: 'ia32', 0x1c4: 'arm', 0x8664: 'x64', 0xaa64: 'arm64' };
const MACHO_CPUS: Readonly<Record<number, string>> = { 0x7: 'ia32', 0x01000007: 'x64', 0xc: 'arm', 0x0100000c: 'arm64' };

function u16le(b: Uint8Array, at: number): number | null {
  return at + 2 <= b.length ? (b[at] as number) | ((b[at + 1] as number) << 8) : null;
}
function u32(b: Uint8Array, at: number, littleEndian: boolean): number | null {
  if (at + 4 > b.length) return null;
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, littleEndian);
}

/** The platform and architecture a native library was built for, from its first bytes; null if not one. */
export function machineType(head: Uint8Array): MachineType | null {
  // ELF: 7f 'E' 'L' 'F'; byte 5 = 1 little-endian; e_machine at 18.
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    const le = head[5] === 1;
    const m = head.length >= 20 ? (le ? u16le(head, 18) : ((head[18] as number) << 8) | (head[19] as number)) : null;
    const arch = m === null ? undefined : ELF_MACHINES[m];
    return { platform: 'linux', archs: [arch ?? `elf-machine-${m ?? '?'}`] };
  }
  // PE: 'MZ', e_lfanew at 0x3c, then 'PE\0\0' and the machine field.
  if (head[0] === 0x4d && head[1] === 0x5a) {
    const pe = u32(head, 0x3c, true);
    if (pe === null || u32(head, pe, true) !== 0x4550) return null;
    const m = u16le(head, pe + 4);
    const arch = m === null ? undefined : PE_MACHINES[m];
    return { platform: 'win32', archs: [arch ?? `pe-machine-${m ?? '?'}`] };
  }
  // Mach-O 64/32 bit (little-endian on every Mac we target) and universal ("fat", big-endian).
  const magic = u32(head, 0, true);
  if (magic === 0xfeedfacf || magic === 0xfeedface) {
    const cpu = u32(head, 4, true);
    const arch = cpu === null ? undefined : MACHO_CPUS[cpu];
    return { platform: 'darwin', archs: [arch ?? `macho-cpu-${cpu ?? '?'}`] };
  }
  if (u32(head, 0, false) === 0xcafebabe) {
    const n = u32(head, 4, false) ?? 0;
    const archs: string[] = [];
    for (let i = 0; i < n && i < 8; i++) {
      const cpu = u32(head, 8 + i * 20, false);
      if (cpu !== null) archs.push(MACHO_CPUS[cpu] ?? `macho-cpu-${cpu}`);
    }
    return archs.length > 0 ? { platform: 'darwin', archs } : null;
  }
  return null;
}

function parseStamp(text: string): BindingStamp | null {
  try {
    const s = JSON.parse(text) as Partial<Record<keyof BindingStamp, unknown>>;
    const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
    if (!str(s.electron) || !str(s.abi) || !str(s.platform) || !str(s.arch)) return null;
    return {
      electron: s.electron,
      abi: s.abi,
      platform: s.platform,
      arch: s.arch,
      ...(str(s.betterSqlite3) ? { betterSqlite3: s.betterSqlite3 } : {}),
      ...(s.source === 'prebuilt' || s.source === 'compiled' ? { source: s.source } : {}),
      ...(str(s.builtAt) ? { builtAt: s.builtAt } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * The verdict on a binding for `want`. head: the file's first bytes (null = no file); stampText: stamp.json
 * (null = none). The header wins over the stamp for platform/arch (a copied-over file keeps a stale stamp).
 */
export function judgeBinding(want: BindingTarget, head: Uint8Array | null, stampText: string | null): BindingVerdict {
  if (head === null) return { kind: 'missing' };
  const machine = machineType(head);
  if (machine === null) return { kind: 'unreadable' };
  if (machine.platform !== want.platform || !machine.archs.includes(want.arch)) {
    return { kind: 'wrong-arch', found: `${machine.platform}-${machine.archs.join('+')}` };
  }
  const stamp = stampText === null ? null : parseStamp(stampText);
  if (stamp === null) return { kind: 'no-stamp' };
  const same =
    stamp.electron === want.electron &&
    stamp.abi === want.abi &&
    (want.betterSqlite3 === undefined || stamp.betterSqlite3 === want.betterSqlite3);
  return same ? { kind: 'fresh', stamp } : { kind: 'stale', stamp };
}

export interface PlainWords {
  readonly en: string;
  readonly zh: string;
}

/** What is wrong with a binding, in plain words (no fix: callers add the one that fits where they run). */
export function describeBinding(verdict: BindingVerdict, want: BindingTarget): PlainWords {
  const where = `${ELECTRON_BINDING_DIR}/${ELECTRON_BINDING_FILE}`;
  const target = `Electron ${want.electron} (ABI ${want.abi}, ${want.platform}-${want.arch})`;
  const targetZh = `Electron ${want.electron}（ABI ${want.abi}，${want.platform}-${want.arch}）`;
  switch (verdict.kind) {
    case 'fresh':
      return { en: `the database library for ${target} is ready (${where})`, zh: `已有适用于 ${targetZh} 的数据库组件（${where}）` };
    case 'missing':
      return {
        en: `the database library built for Electron is missing (${where})`,
        zh: `缺少为 Electron 编译的数据库组件（${where}）`,
      };
    case 'unreadable':
      return { en: `${where} is not a native library (damaged or not a build)`, zh: `${where} 不是有效的本地库文件（已损坏或不是编译产物）` };
    case 'wrong-arch':
      return {
        en: `${where} was built for ${verdict.found}, but this machine needs ${want.platform}-${want.arch}`,
        zh: `${where} 是为 ${verdict.found} 编译的，本机需要 ${want.platform}-${want.arch}`,
      };
    case 'no-stamp':
      return {
        en: `${where} has no ${ELECTRON_BINDING_STAMP}, so nobody knows which Electron it was built for`,
        zh: `${where} 旁边没有 ${ELECTRON_BINDING_STAMP}，无法确认它是为哪个 Electron 版本编译的`,
      };
    case 'stale': {
      const s = verdict.stamp;
      const lib = s.betterSqlite3 !== undefined && want.betterSqlite3 !== undefined && s.betterSqlite3 !== want.betterSqlite3;
      return {
        en: `${where} was built for Electron ${s.electron} (ABI ${s.abi}${lib ? `, better-sqlite3 ${s.betterSqlite3}` : ''}), but ${target}${lib ? ` with better-sqlite3 ${want.betterSqlite3}` : ''} is installed`,
        zh: `${where} 是为 Electron ${s.electron}（ABI ${s.abi}${lib ? `，better-sqlite3 ${s.betterSqlite3}` : ''}）编译的，但当前安装的是 ${targetZh}${lib ? `，better-sqlite3 ${want.betterSqlite3}` : ''}`,
      };
    }
    default:
      return assertNever(verdict);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected binding verdict ${JSON.stringify(x)}`);
}
