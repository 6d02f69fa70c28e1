// Shared input handling for `wxpay-pos sign` and `wxpay-pos verify`: options and the message on stdin
// (XML as WeChat sends it, or a JSON object as most SDKs log it). Never echoes the key.
import { parseXml, XmlError } from '../core/wxpay/xml';
import type { SignType } from '../core/wxpay/sign';

export interface CliIo {
  readonly stdin: string;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export interface DoctorOptions {
  readonly key: string;
  readonly type: SignType | null; // null: decide from the message
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const CLI_MAX_XML_BYTES = 1024 * 1024;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export function isSignType(s: string): s is SignType {
  return s === 'MD5' || s === 'HMAC-SHA256';
}

/** `--key KEY` (required) and `--type MD5|HMAC-SHA256`; also accepts `--key=KEY` / `--type=...`. */
export function parseOptions(argv: readonly string[]): Parsed<DoctorOptions> {
  let key: string | null = null;
  let type: SignType | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (name !== arg) value = arg.slice(eq + 1);
    else if (name === '--key' || name === '--type') value = argv[++i];
    switch (name) {
      case '--key':
        if (value === undefined || value === '') return { ok: false, message: '--key needs a value' };
        key = value;
        break;
      case '--type': {
        const t = (value ?? '').toUpperCase();
        if (!isSignType(t)) return { ok: false, message: `--type must be MD5 or HMAC-SHA256` };
        type = t;
        break;
      }
      default:
        return { ok: false, message: `unknown option '${name.slice(0, 40)}'` };
    }
  }
  if (key === null) return { ok: false, message: '--key KEY is required (the 32-character API key)' };
  return { ok: true, value: { key, type } };
}

export interface Message {
  readonly format: 'xml' | 'json';
  readonly params: Record<string, string>;
}

function fromJson(text: string): Parsed<Message> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, message: 'stdin starts like JSON but is not valid JSON' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, message: 'JSON input must be an object of field names to values' };
  }
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(doc)) {
    if (RESERVED.has(name)) return { ok: false, message: `field name '${name}' is not allowed` };
    if (value === null) continue; // absent, as the spec treats it
    if (typeof value === 'string') entries.push([name, value]);
    else if (typeof value === 'number' && Number.isFinite(value)) entries.push([name, String(value)]);
    else return { ok: false, message: `field '${name.slice(0, 64)}': expected a string or a number` };
  }
  return { ok: true, value: { format: 'json', params: Object.fromEntries(entries) } };
}

/** Reads the message on stdin: XML (hardened parser) or a JSON object. */
export function readMessage(stdin: string): Parsed<Message> {
  const text = stdin.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, message: 'nothing on stdin: pipe in a request/response as XML or JSON' };
  if (text.startsWith('{')) return fromJson(text);
  if (text.startsWith('<')) {
    try {
      return { ok: true, value: { format: 'xml', params: parseXml(text, { maxBytes: CLI_MAX_XML_BYTES }) } };
    } catch (e) {
      if (e instanceof XmlError) return { ok: false, message: `XML rejected: ${e.message}` };
      throw e;
    }
  }
  return { ok: false, message: 'stdin is neither XML (<xml>...</xml>) nor a JSON object' };
}

/** The full string the hash covers, with the key masked. */
export function maskedSignTemp(stringA: string): string {
  return `${stringA}&key=***`;
}

/** The message's own sign_type, if any; an invalid one is bad input. */
export function messageSignType(params: Record<string, string>): Parsed<SignType | null> {
  const st = params.sign_type;
  if (st === undefined || st === '') return { ok: true, value: null };
  if (!isSignType(st)) return { ok: false, message: `sign_type '${st.slice(0, 32)}' is neither MD5 nor HMAC-SHA256` };
  return { ok: true, value: st };
}

export function keyWarning(key: string): string | null {
  return key.length === 32 ? null : `warning: the API key has ${key.length} characters; WeChat API keys have 32`;
}

export interface DoctorInput {
  readonly options: DoctorOptions;
  readonly params: Record<string, string>;
  /** The message's own sign_type, or null when it has none. */
  readonly ownType: SignType | null;
}

/**
 * The input both doctor commands start from: options, the message on stdin and its sign_type.
 * On bad input the reason (with usage where the options are wrong) goes to stderr and null comes back.
 */
export function readDoctorInput(argv: readonly string[], io: CliIo, usage: string): DoctorInput | null {
  const opts = parseOptions(argv);
  if (!opts.ok) {
    io.stderr(`${opts.message}\n${usage}`);
    return null;
  }
  const msg = readMessage(io.stdin);
  if (!msg.ok) {
    io.stderr(msg.message);
    return null;
  }
  const own = messageSignType(msg.value.params);
  if (!own.ok) {
    io.stderr(own.message);
    return null;
  }
  return { options: opts.value, params: msg.value.params, ownType: own.value };
}
