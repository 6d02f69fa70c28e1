// What a package must and must not contain, checked two ways: against electron-builder's own file matchers
// on a fake file list (test/unit/scripts/packaging-patterns.test.ts, always runs) and against a real
// `electron-builder --dir` run (test/electron/packaging.spec.ts, where an Electron binary exists).

/** Shipped inside the asar. */
export const PACKED_IN_ASAR = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json', 'resources/test-certs/ca.pem', 'node_modules/better-sqlite3/lib/index.js'];

/** Shipped OUTSIDE the asar (app.asar.unpacked): a .node file cannot be loaded from inside an asar, and main reads the stamp beside it. */
export const UNPACKED = ['build/electron-native/better_sqlite3.node', 'build/electron-native/stamp.json'];

/** Never shipped: sources, tests, scripts, the Node-ABI build (it would load and fail under Electron), secrets of the test CA. */
export const NOT_SHIPPED = [
  'src/main/index.ts',
  'test/unit/layers.test.ts',
  'scripts/electron-binding.mjs',
  'docs/electron-native.md',
  'resources/test-certs/ca.key',
  'resources/test-certs/merchant-1900000110.key',
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  'node_modules/better-sqlite3/src/better_sqlite3.cpp',
  'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
  'node_modules/better-sqlite3/binding.gyp', // issue 11 point 8
];
