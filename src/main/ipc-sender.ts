// Checklist #17: validate the sender of every IPC message. Pure, so it is tested without Electron.
import { isAppUrl } from './app-origin';

export interface SenderFacts {
  /** senderFrame.url, or null when the frame is gone (navigated away or destroyed). */
  readonly url: string | null;
  /** The frame is the top frame of its page (not an iframe). */
  readonly isMainFrame: boolean;
  /** The message came from the webContents of the app's own main window. */
  readonly fromAppWindow: boolean;
}

/** Only the app's own page, in the main frame of the app's own window, may call core. */
export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.fromAppWindow && facts.isMainFrame && isAppUrl(facts.url);
}

/** Why a sender was refused, for the log line (the URL is not a secret; it is cut to keep logs tidy). */
export function describeSender(facts: SenderFacts): string {
  const url = facts.url === null ? '<no frame>' : facts.url.slice(0, 200);
  return `url=${url} mainFrame=${facts.isMainFrame} appWindow=${facts.fromAppWindow}`;
}
