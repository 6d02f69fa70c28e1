// `wxpay-pos setup-code --data-dir DIR [--recover]` (issue 11 point 3): prints a one-time code that lets
// the first owner be created on the till's first-run screen. Only someone who can run commands as the
// till's OS user on this computer (the data folder is 0700) can make one. --recover makes a code that
// also works when staff exist: the recovery path for an unreadable PIN key or lost owner PIN
// (docs/security.md). The code is stored hashed in the database; run it while the till is open or not.
import { join } from 'node:path';
import { issueSetupCode } from '../core/auth/setup-code';
import { openStore } from '../core/store';

export interface SetupCodeIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly env?: Record<string, string | undefined>;
  readonly now?: () => number;
}

const USAGE = 'usage: wxpay-pos setup-code --data-dir DIR [--recover]   (DIR: the till\'s data folder, or set WXPAY_POS_DATA_DIR)';

export async function run(args: readonly string[], io: SetupCodeIo): Promise<number> {
  let dir: string | undefined = (io.env ?? process.env)['WXPAY_POS_DATA_DIR'];
  let recover = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--data-dir') dir = args[++i];
    else if (a === '--recover') recover = true;
    else {
      io.stderr(`unknown option '${String(a)}'\n${USAGE}`);
      return 2;
    }
  }
  if (!dir) {
    io.stderr(USAGE);
    return 2;
  }
  let store;
  try {
    store = openStore(join(dir, 'pos.sqlite'));
  } catch (e) {
    io.stderr(`cannot open the till's database in ${dir}: ${(e as Error).message}`);
    return 1;
  }
  try {
    const code = store.transaction(() => {
      const c = issueSetupCode(store.kv, (io.now ?? Date.now)(), recover);
      store.kv.audit({ actor: 'cli', action: 'staff.setup_code', subject: 'owner', detail: recover ? 'recovery code issued' : 'setup code issued' });
      return c;
    });
    io.stdout(`setup code: ${code}`);
    io.stdout(
      recover
        ? 'Recovery code: on the till, choose "First run / recovery" and create a new owner with it. Single use; any earlier code is void.'
        : 'Enter it on the till\'s first-run screen to create the owner. Single use; any earlier code is void.',
    );
    return 0;
  } finally {
    store.close();
  }
}
