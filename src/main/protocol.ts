// The app:// protocol (checklist #18: no file://): scheme registration and the handler hook-up.
// What a request may get is decided in app-request.ts.
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { answerAppRequest, type ProtocolLogger } from './app-request';

/**
 * Must run before app 'ready'. standard: relative URLs and a real origin; secure: a secure context.
 * corsEnabled stays unset on purpose: it would let other origins read app:// without any ACAO check, and
 * the page's own module scripts are same-origin requests that do not need it.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/** After 'ready': installs the handler on the default session's protocol. */
export function serveAppProtocol(rootDir: string, log: ProtocolLogger): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rootDir, request, log));
}
