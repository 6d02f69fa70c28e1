// Shared input handling for `wxpay-pos sign` and `wxpay-pos verify`: options and the message on stdin
// (XML as WeChat sends it, or a JSON object as most SDKs log it). Never echoes the key.
import { parseXml, XmlError } from '../core/wxpay/xml';
import type { SignType } from '../core/wxpay/sign';
import { fail, ok, type Result } from '../common/result';

export interface CliIo {
  readonly stdin: string;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export interface DoctorOptions {
  readonly key: string;
  readonly type: SignType | null; // null: decide from the message
}

/** Parsed input, or what is wrong with it in plain words. */
export type Parsed<T> = Result<T, { readonly message: string }>;

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
        if (value === undefined || value === '') return fail({ message: '--key needs a value' });
        key = value;
        break;
      case '--type': {
        const t = (value ?? '').toUpperCase();
        if (!isSignType(t)) return fail({ message: `--type must be MD5 or HMAC-SHA256` });
        type = t;
        break;
      }
      default:
        return fail({ message: `unknown option '${name.slice(0, 40)}'` });
    }
  }
  if (key === null) return fail({ message: '--key KEY is required (the 32-character API key)' });
  return ok({ key, type });
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
    return fail({ message: 'stdin starts like JSON but is not valid JSON' });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail({ message: 'JSON input must be an object of field names to values' });
  }
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(doc)) {
    if (RESERVED.has(name)) return fail({ message: `field name '${name}' is not allowed` });
    if (value === null) continue; // absent, as the spec treats it
    if (typeof value === 'string') entries.push([name, value]);
    else if (typeof value === 'number' && Number.isFinite(value)) entries.push([name, String(value)]);
    else return fail({ message: `field '${name.slice(0, 64)}': expected a string or a number` });
  }
  return ok({ format: 'json', params: Object.fromEntries(entries) });
}

/** Reads the message on stdin: XML (hardened parser) or a JSON object. */
export function readMessage(stdin: string): Parsed<Message> {
  const text = stdin.replace(/^\uFEFF/, '').trim();
  if (text === '') return fail({ message: 'nothing on stdin: pipe in a request/response as XML or JSON' });
  if (text.startsWith('{')) return fromJson(text);
  if (text.startsWith('<')) {
    try {
      return ok({ format: 'xml', params: parseXml(text, { maxBytes: CLI_MAX_XML_BYTES }) });
    } catch (e) {
      if (e instanceof XmlError) return fail({ message: `XML rejected: ${e.message}` });
      throw e;
    }
  }
  return fail({ message: 'stdin is neither XML (<xml>...</xml>) nor a JSON object' });
}

/** The full string the hash covers, with the key masked. */
export function maskedSignTemp(stringA: string): string {
  return `${stringA}&key=***`;
}

/** The message's own sign_type, if any; an invalid one is bad input. */
export function messageSignType(params: Record<string, string>): Parsed<SignType | null> {
  const st = params.sign_type;
  if (st === undefined || st === '') return ok(null);
  if (!isSignType(st)) return fail({ message: `sign_type '${st.slice(0, 32)}' is neither MD5 nor HMAC-SHA256` });
  return ok(st);
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
 * The input both doctor commands start from: options, the message on stdin and its sign_type. On bad
 * input, the reason (with usage where the options are wrong) for the caller to print.
 */
export function readDoctorInput(argv: readonly string[], stdin: string, usage: string): Parsed<DoctorInput> {
  const opts = parseOptions(argv);
  if (!opts.ok) return fail({ message: `${opts.message}\n${usage}` });
  const msg = readMessage(stdin);
  if (!msg.ok) return msg;
  const own = messageSignType(msg.value.params);
  if (!own.ok) return own;
  return ok({ options: opts.value, params: msg.value.params, ownType: own.value });
}

/** Runs a doctor command on its input; bad input goes to stderr and the exit code is 2. */
export async function withDoctorInput(
  argv: readonly string[],
  io: CliIo,
  usage: string,
  command: (input: DoctorInput) => number | Promise<number>,
): Promise<number> {
  const read = readDoctorInput(argv, io.stdin, usage);
  if (!read.ok) {
    io.stderr(read.message);
    return 2;
  }
  return command(read.value);
}
