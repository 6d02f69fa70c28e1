// Checklist #13/#14/#12: the till never navigates away from its own page, never opens windows and never
// attaches a <webview>. The decisions are pure functions; hardenWebContents wires them to Electron.
import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import type { Logger } from '../common/logger';

/** In-page navigation (will-navigate, will-redirect, will-frame-navigate): only within app://pos/. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** window.open, target=_blank and friends: always denied; the till is one window. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

export type NavLogger = Pick<Logger, 'warn'>;

type Preventable = { preventDefault(): void };

/** Attaches the guards to one webContents (called for every webContents the app creates). */
export function hardenWebContents(contents: WebContents, log: NavLogger): void {
  const guard = (kind: string) => (event: Preventable, url: string) => {
    if (mayNavigate(url)) return;
    event.preventDefault();
    log.warn(`navigation: blocked ${kind}`, { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', (event) => guard('will-navigate')(event, event.url));
  contents.on('will-redirect', (event) => guard('will-redirect')(event, event.url));
  contents.on('will-frame-navigate', (event) => guard('will-frame-navigate')(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('navigation: denied a new window', { url: url.slice(0, 200) });
    return windowOpenDecision();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('navigation: refused to attach a <webview>');
  });
}
