// electron-builder `beforePack` hook (electron-builder.yml): before each target is packed, make
// build/electron-native/better_sqlite3.node for THAT target's platform and architecture with the same step as
// `npm start` (prebuilt first, node-gyp as the fallback), so `files` + `asarUnpack` ship the right binary.
// A target it cannot make stops the build with the reason: a package without its binding cannot open its database.
import { register } from 'tsx/esm/api';

// electron-builder's Arch enum (builder-util): ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
export const BUILDER_ARCH = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };

export async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = BUILDER_ARCH[context.arch];
  if (arch === undefined) throw new Error(`electron-binding: no better-sqlite3 binding for electron-builder arch ${context.arch} (universal macOS builds are not supported)`);
  register();
  const { ROOT, ensureBinding, installedTarget } = await import('./electron-binding-cli.ts');
  const found = installedTarget(ROOT, platform, arch);
  if (!found.ok) throw new Error(`electron-binding: ${found.why}`);
  const outcome = await ensureBinding(ROOT, found.target, { log: (l) => console.log(`  • electron-binding: ${l}`) });
  if (outcome.kind === 'cannot') throw new Error(`electron-binding: cannot package for ${platform}-${arch}: ${outcome.reason}`);
}

export default beforePack;
