// A packaged till refuses to run with Chromium's remote debugging turned on: a DevTools port or pipe would
// let anything on the machine drive the till window and read main's memory (API key, certificate, PIN
// checks). Development builds keep them (Playwright's Electron runner uses them).
// Pure (no electron import), so it is tested in plain Node.

export const REMOTE_DEBUGGING_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe'] as const;
export type RemoteDebuggingSwitch = (typeof REMOTE_DEBUGGING_SWITCHES)[number];

/** The part of Electron's app.commandLine this needs. */
export interface SwitchReader {
  hasSwitch(name: string): boolean;
}

/** The switch that forbids starting (packaged builds only), or null when the till may start. */
export function forbiddenDebugSwitch(isPackaged: boolean, commandLine: SwitchReader): RemoteDebuggingSwitch | null {
  if (!isPackaged) return null;
  return REMOTE_DEBUGGING_SWITCHES.find((s) => commandLine.hasSwitch(s)) ?? null;
}
