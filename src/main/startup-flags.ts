// Where the till keeps its data and whether it runs as a kiosk (issue 11 point 8). A development build
// reads WXPAY_POS_DATA_DIR / WXPAY_POS_KIOSK from the environment (tests, several tills on one machine).
// A packaged till ignores both, so a stray or planted environment variable cannot point it at another
// database or take it out of kiosk mode; an installer or shortcut that needs them passes documented
// command-line switches instead (docs/security.md "Start-up switches"):
//   --data-dir=PATH   the data folder (default: Electron's userData)
//   --kiosk           full-screen kiosk window
// Pure (no electron import), so it is tested in plain Node.

export const DATA_DIR_SWITCH = 'data-dir';
export const KIOSK_SWITCH = 'kiosk';
export const DATA_DIR_ENV = 'WXPAY_POS_DATA_DIR';
export const KIOSK_ENV = 'WXPAY_POS_KIOSK';

/** The part of Electron's app.commandLine this needs. */
export interface SwitchValues {
  hasSwitch(name: string): boolean;
  getSwitchValue(name: string): string;
}

export interface StartupFlags {
  /** null: Electron's userData. */
  readonly dataDir: string | null;
  readonly kiosk: boolean;
  /** Environment variables that were set but ignored (packaged build): main logs them. */
  readonly ignoredEnv: readonly string[];
}

export function resolveStartupFlags(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>, commandLine: SwitchValues): StartupFlags {
  const switchDir = commandLine.hasSwitch(DATA_DIR_SWITCH) ? commandLine.getSwitchValue(DATA_DIR_SWITCH).trim() : '';
  const switchKiosk = commandLine.hasSwitch(KIOSK_SWITCH);
  if (isPackaged) {
    const ignoredEnv = [DATA_DIR_ENV, KIOSK_ENV].filter((k) => (env[k] ?? '') !== '');
    return { dataDir: switchDir || null, kiosk: switchKiosk, ignoredEnv };
  }
  const envDir = (env[DATA_DIR_ENV] ?? '').trim();
  return { dataDir: switchDir || envDir || null, kiosk: switchKiosk || env[KIOSK_ENV] === '1', ignoredEnv: [] };
}
