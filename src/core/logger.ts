// A tiny logger for core. Whatever reaches it is redacted first: the API key, certificate material and
// PINs must never land in a log (architecture.md, "Rules that keep money safe"). It implements the one
// Logger interface of common/logger.ts.
import type { LogFields, Logger } from '../common/logger';

export type { LogFields, Logger };

export type LogLevel = 'info' | 'warn' | 'error';

/** Where redacted lines go: console in the app, an array in tests. */
export type LogSink = (level: LogLevel, line: string) => void;

export const REDACTED = '[redacted]';

// Shapes that look like secrets even when we were not told their value.
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g;
// The V2 API key is 32 characters of [A-Za-z0-9]; so are nonces, which are worthless in a log anyway.
const KEY_LIKE = /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;
// "&key=...", "key: ...", "apiKey":"..." and friends.
const KEY_FIELD = /((?:api_?key|key|password|passphrase|pin|managerPin|currentPin|newPin)["']?\s*[:=]\s*["']?)([^"'&,\s}]+)/gi;

/** Removes known secrets and anything shaped like one. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out.replace(PEM_BLOCK, REDACTED).replace(KEY_FIELD, `$1${REDACTED}`).replace(KEY_LIKE, REDACTED);
}

/** Raw bytes (Buffer, any typed array, DataView, ArrayBuffer) are logged by size only, never dumped. */
function bytesOf(v: unknown): string | null {
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `<${v.byteLength} bytes>`;
  return null;
}

/**
 * JSON.stringify calls a value's toJSON before the replacer sees it (Buffer.toJSON turns the bytes into
 * {type, data: [...]}), so the replacer looks at the raw value, this[key], instead of the one it is given.
 */
function bytesReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = this !== null && typeof this === 'object' ? (this as Record<string, unknown>)[key] : value;
  return bytesOf(raw) ?? value;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}${value.stack ? `\n${value.stack}` : ''}`;
  if (typeof value === 'string') return value;
  const bytes = bytesOf(value);
  if (bytes) return bytes;
  try {
    return JSON.stringify(value, bytesReplacer) ?? String(value);
  } catch {
    return String(value);
  }
}

export function formatLine(message: string, fields?: LogFields): string {
  if (!fields) return message;
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${describe(v)}`);
  return `${message} ${parts.join(' ')}`;
}

/**
 * A logger that redacts every line before it reaches the sink.
 * secrets() is asked at each line so a key saved after start-up is covered too.
 */
export function createLogger(sink: LogSink, secrets: () => readonly string[] = () => []): Logger {
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    sink(level, redact(formatLine(message, fields), secrets()));
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** Wraps an existing logger (for example one main passes in) with redaction. */
export function redactingLogger(inner: Logger, secrets: () => readonly string[] = () => []): Logger {
  return createLogger((level, line) => inner[level](line), secrets);
}

export const consoleSink: LogSink = (level, line) => {
  const stamp = new Date().toISOString();
  if (level === 'error') console.error(`${stamp} ERROR ${line}`);
  else if (level === 'warn') console.warn(`${stamp} WARN ${line}`);
  else console.log(`${stamp} INFO ${line}`);
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Test helper: collects redacted lines. */
export function memoryLogger(secrets: () => readonly string[] = () => []): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), secrets);
  return Object.assign(logger, { lines });
}
