// The Electron suite's global setup (playwright.electron.config.ts): where an Electron binary exists, make
// the better-sqlite3 binding for it with the same step as `npm start` (prebuilt first, node-gyp as the
// fallback, node_modules untouched), so `npm test` on an ordinary laptop never launches the app against the
// Node-ABI build. Where the binding cannot be made, the specs skip with the step's exact reason.
import { ROOT, ensureBinding, installedTarget } from '../../scripts/electron-binding-cli';
import { outcomeLine } from '../../scripts/electron-binding-plan';
import { BINDING_SKIP_ENV, NO_ELECTRON_REASON, electronBinary } from './electron-binary';

export default async function globalSetup(): Promise<void> {
  if (electronBinary() === null) {
    console.log(`Electron suite: ${NO_ELECTRON_REASON} (binding step not run)`);
    return;
  }
  const found = installedTarget(ROOT);
  if (!found.ok) {
    process.env[BINDING_SKIP_ENV] = `no better-sqlite3 binding for Electron: ${found.why}`;
    return;
  }
  const outcome = await ensureBinding(ROOT, found.target, { log: (l) => console.log(`electron-binding: ${l}`) });
  const line = outcomeLine(outcome, found.target);
  console.log(`Electron suite: ${line}`);
  if (outcome.kind === 'cannot') process.env[BINDING_SKIP_ENV] = line;
}
