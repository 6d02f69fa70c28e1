#!/usr/bin/env node
// Makes better-sqlite3 for the installed Electron's ABI in build/electron-native/ (prebuilt first, node-gyp as
// the fallback, node_modules never touched). Used by `npm start` (prestart), the Electron suite's global
// setup and packaging (scripts/electron-binding-hook.mjs). Options: scripts/electron-binding-cli.ts;
// background: docs/electron-native.md. Runs the TypeScript through tsx, like bin/wxpay-pos.mjs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./electron-binding-cli.ts');
process.exitCode = await main(process.argv.slice(2));
