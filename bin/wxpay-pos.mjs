#!/usr/bin/env node
// The wxpay-pos command line (signature doctor, standalone simulator). Runs the TypeScript sources
// through tsx, so it works straight after `npm ci` without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
