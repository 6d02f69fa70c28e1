import { defineConfig } from '@playwright/test';

// The Electron suite (issue 2 point 5, issue 6 point 9): the real app, real preload, real app:// protocol.
// It runs where an Electron binary exists and skips with a printed reason where it does not
// (ELECTRON_SKIP_BINARY_DOWNLOAD on our build machines). Needs `npx electron-vite build` first.
// The global setup makes better-sqlite3's Electron-ABI binding first (scripts/electron-binding.mjs); where it
// cannot be made, the specs skip with that reason (test/electron/electron-binary.ts).
export default defineConfig({
  testDir: 'test/electron',
  globalSetup: './test/electron/global-setup.ts',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/electron',
  reporter: 'list',
  use: { screenshot: 'off', trace: 'off' },
});
