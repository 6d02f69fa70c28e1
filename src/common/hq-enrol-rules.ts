// Issue 16.2: what the till's enrolment form accepts, checked the same way by the screen (before sending)
// and by core's payload schema: HQ's https address, HQ's certificate fingerprint as HQ's page and `hq code`
// show it (SHA-256, 32 hex pairs with colons; case, colons and spaces are forgiven), and the one-time code
// (12 digits, shown in groups of 4). Pure: no I/O.

export const HQ_URL_MAX_CHARS = 200;

/** An https:// address with a host (port and trailing slash allowed; no user, query or fragment). */
export function isHqUrl(text: string): boolean {
  if (text.length > HQ_URL_MAX_CHARS || !/^https:\/\//i.test(text)) return false;
  try {
    const u = new URL(text);
    return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '' && u.search === '' && u.hash === '' && (u.pathname === '/' || u.pathname === '');
  } catch {
    return false;
  }
}

/** SHA-256 fingerprint: 32 hex pairs, separated by colons or spaces or nothing. */
export const HQ_FINGERPRINT_PATTERN = /^[0-9A-Fa-f]{2}(?:[: ]?[0-9A-Fa-f]{2}){31}$/;
export const isHqFingerprint = (text: string): boolean => HQ_FINGERPRINT_PATTERN.test(text);

/** The one-time code: 12 digits, as shown (1234-5678-9012) or typed without the dashes. */
export const HQ_ENROL_CODE_PATTERN = /^\d{4}[- ]?\d{4}[- ]?\d{4}$/;
export const isHqEnrolCode = (text: string): boolean => HQ_ENROL_CODE_PATTERN.test(text);

/** Which field of the form is wrong first, if any (the screen names it in the chosen language). */
export type HqEnrolProblem = 'url' | 'fingerprint' | 'code';

export function hqEnrolProblem(input: { readonly url: string; readonly fingerprint: string; readonly code: string }): HqEnrolProblem | null {
  if (!isHqUrl(input.url)) return 'url';
  if (!isHqFingerprint(input.fingerprint)) return 'fingerprint';
  if (!isHqEnrolCode(input.code)) return 'code';
  return null;
}
