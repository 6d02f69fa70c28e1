// The electron-builder beforePack hook: electron-builder's arch numbers map to Node's names, and a target
// it cannot make a binding for stops the build with a plain reason (the make itself is the tested step).
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM hook without types (electron-builder loads it as JavaScript)
import * as hook from '../../../scripts/electron-binding-hook.mjs';

const h = hook as { BUILDER_ARCH: Record<number, string>; beforePack(c: { electronPlatformName: string; arch: number }): Promise<void> };

describe('electron-builder beforePack hook', () => {
  it('maps electron-builder’s Arch enum to Node’s arch names', () => {
    expect(h.BUILDER_ARCH).toEqual({ 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' });
  });
  it('refuses a universal macOS target in plain words', async () => {
    await expect(h.beforePack({ electronPlatformName: 'darwin', arch: 4 })).rejects.toThrow('universal macOS builds are not supported');
  });
});
