// The one-time setup code (issue 11 point 3): the only way to create an owner without being one. It is
// made by `wxpay-pos setup-code` (src/cli/setup-code-command.ts) or, on a till with no staff at all, at
// start (CoreOptions.onSetupCode: main prints it once on its own stdout, never into the log). Only a
// SHA-256 of the code is stored; it is single use and void after MAX_CODE_TRIES wrong tries.
// A recovery code (`setup-code --recover`) also allows a new owner while staff exist (damaged records).
import { createHash, randomInt } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../common/result';
import type { SettingsStorage } from '../settings/storage';

export const SETUP_CODE_KEY = 'auth.setupCode';
export const MAX_CODE_TRIES = 5;
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: read off a screen and typed
const CODE_CHARS = 12;

interface Stored {
  readonly hash: string;
  readonly createdAt: number;
  readonly tries: number;
  readonly recovery: boolean;
}

const hashOf = (code: string): string => createHash('sha256').update(normalizeSetupCode(code)).digest('hex');

/** Dashes, spaces and case do not matter when typing the code. */
export function normalizeSetupCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** A new code (any earlier one is void); shown once to the caller, stored hashed. */
export function issueSetupCode(storage: SettingsStorage, nowMs: number, recovery: boolean): string {
  let raw = '';
  for (let i = 0; i < CODE_CHARS; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  const stored: Stored = { hash: hashOf(raw), createdAt: nowMs, tries: 0, recovery };
  storage.set(SETUP_CODE_KEY, JSON.stringify(stored));
  return raw.match(/.{4}/g)!.join('-');
}

export function hasSetupCode(storage: SettingsStorage): boolean {
  return storage.get(SETUP_CODE_KEY) !== null;
}

/** Checks and (on success) uses up the code. Wrong tries are counted; the code dies after MAX_CODE_TRIES. */
export function useSetupCode(storage: SettingsStorage, code: string): Result<{ recovery: boolean }> {
  const text = storage.get(SETUP_CODE_KEY);
  let s: Stored | null = null;
  try {
    s = text ? (JSON.parse(text) as Stored) : null;
  } catch {
    s = null;
  }
  if (!s || typeof s.hash !== 'string') {
    return err('SETUP_CODE_WRONG', 'No setup code is waiting: run "wxpay-pos setup-code" on this computer to get one.');
  }
  const a = Buffer.from(hashOf(code), 'hex');
  const b = Buffer.from(s.hash, 'hex');
  if (a.length === b.length && timingSafeEqual(a, b)) {
    storage.delete(SETUP_CODE_KEY);
    return ok({ recovery: s.recovery === true });
  }
  const tries = (Number.isSafeInteger(s.tries) ? s.tries : MAX_CODE_TRIES) + 1;
  if (tries >= MAX_CODE_TRIES) storage.delete(SETUP_CODE_KEY);
  else storage.set(SETUP_CODE_KEY, JSON.stringify({ ...s, tries }));
  return err(
    'SETUP_CODE_WRONG',
    tries >= MAX_CODE_TRIES ? 'Wrong setup code too many times: the code is void, get a new one.' : 'That setup code is not right.',
  );
}
