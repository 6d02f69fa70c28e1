// The first bytes of native libraries for each platform/arch, enough for common/electron-binding's header
// check: no real binary, no compiler.
const ELF: Record<string, number> = { ia32: 3, arm: 40, x64: 62, arm64: 183 };
const PE: Record<string, number> = { ia32: 0x14c, x64: 0x8664, arm64: 0xaa64 };
const MACHO: Record<string, number> = { x64: 0x01000007, arm64: 0x0100000c };

export function fakeElf(arch: string): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1], 0);
  const m = ELF[arch] ?? 0;
  b[18] = m & 0xff;
  b[19] = m >> 8;
  return b;
}

export function fakePe(arch: string): Uint8Array {
  const b = new Uint8Array(256);
  const v = new DataView(b.buffer);
  b.set([0x4d, 0x5a], 0);
  v.setUint32(0x3c, 0x80, true);
  b.set([0x50, 0x45, 0, 0], 0x80);
  v.setUint16(0x84, PE[arch] ?? 0, true);
  return b;
}

export function fakeMachO(arch: string): Uint8Array {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xfeedfacf, true);
  v.setUint32(4, MACHO[arch] ?? 0, true);
  return b;
}

export function fakeUniversal(archs: string[]): Uint8Array {
  const b = new Uint8Array(8 + archs.length * 20);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xcafebabe, false);
  v.setUint32(4, archs.length, false);
  archs.forEach((a, i) => v.setUint32(8 + i * 20, MACHO[a] ?? 0, false));
  return b;
}

/** A native library for this machine's platform and architecture. */
export function fakeNative(platform: string = process.platform, arch: string = process.arch): Uint8Array {
  return platform === 'win32' ? fakePe(arch) : platform === 'darwin' ? fakeMachO(arch) : fakeElf(arch);
}
