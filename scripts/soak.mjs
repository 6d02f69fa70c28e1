#!/usr/bin/env node
// `npm run soak`: the randomised suites at the full sizes of docs/reliability.md section 6, random
// seeds (each printed with the env var that replays it), one suite at a time; the summary goes to
// docs/SOAK.md. Extra arguments go to vitest (e.g. a single file).
import { spawnSync } from 'node:child_process';

const args = ['vitest', 'run', '--project', 'soak', '--reporter=default', '--reporter=./test/support/soak-reporter.ts', ...process.argv.slice(2)];
const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, WXPAY_SOAK: '1' } });
process.exit(r.status ?? 1);
