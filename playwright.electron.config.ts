import { defineConfig } from '@playwright/test';

// The Electron suite (issue 2 point 5, issue 6 point 9): the real app, real preload, real app:// protocol.
// It runs where an Electron binary exists and skips with a printed reason where it does not
// (ELECTRON_SKIP_BINARY_DOWNLOAD on our build machines). Needs `npx electron-vite build` first.
export default defineConfig({
  testDir: 'test/electron',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/electron',
  reporter: 'list',
  use: { screenshot: 'off', trace: 'off' },
});
