// The app's one origin. Pure: used by the protocol handler, the IPC sender check and navigation rules.
export const APP_SCHEME = 'app';
export const APP_HOST = 'pos';
export const START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * true only for app://pos/... parsed by a real URL parser. Compared by parts, not startsWith (checklist
 * #13), and not by URL.origin: for a non-special scheme the WHATWG parser reports origin "null".
 * Credentials or a port in the URL mean someone is trying to smuggle a look-alike: refused.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
