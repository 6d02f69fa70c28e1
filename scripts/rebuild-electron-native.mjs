#!/usr/bin/env node
// Renamed: scripts/electron-binding.mjs makes the Electron-ABI binding now (prebuilt first, node-gyp as the
// fallback). Kept so the old command in notes and muscle memory still works; same options.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./electron-binding-cli.ts');
process.exitCode = await main(process.argv.slice(2));
