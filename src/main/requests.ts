// Defence in depth behind the CSP: the renderer's session fetches nothing but the app's own files (Signal's
// protocol filter does the same). The gateway is reached by core in Node (undici), which does not go through
// the Chromium session, so this blocks only what a page might try. The listener takes every request (no
// URL-pattern filter, whose accepted schemes vary by Chromium version) and decides with mayRequest.
import type { Session } from 'electron';
import { isAppUrl } from './app-origin';
import type { Logger } from '../common/logger';

/** app://pos/..., inline data: images, and the DevTools front-end (DevTools are off when packaged). */
export function mayRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('data:') || url.startsWith('devtools://');
}

export type RequestLogger = Pick<Logger, 'warn'>;

export function blockForeignRequests(session: Pick<Session, 'webRequest'>, log: RequestLogger): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    if (mayRequest(details.url)) return callback({});
    log.warn('renderer request blocked', { url: details.url.slice(0, 200) });
    callback({ cancel: true });
  });
}
