import { execFileSync } from 'node:child_process';

// The harness tests the same renderer bundle the app ships: build it once per run.
export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
