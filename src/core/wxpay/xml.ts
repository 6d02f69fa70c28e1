// WeChat Pay V2 XML envelope: build requests, parse responses/notifications (hardened).
// Parsing follows reliability.md section 4: byte cap first, then a character check, then a strict
// single-pass scanner (xml-scan.ts) that rejects DOCTYPE/ENTITY, '&' outside CDATA and anything not
// flat BEFORE any general-purpose parser runs. Every failure is an XmlError.
//
// Engines: 'strict' (default) returns the scanner's own result: the accepted language is tiny (flat
// text/CDATA children of <xml>), and fast-xml-parser alone costs ~170 us per 1 KB response, which
// would make the 3x-over-peers round-trip target unreachable (both peers parse with xml2js/fxp).
// 'fast-xml-parser' runs the scanner as the gate, then fast-xml-parser with the reliability.md recipe
// options, then a shape check of its output. The tests run both engines over the hostile corpus and
// the generated mutations and require identical results, so fxp acts as the reference parser.
//
// Attributes: rejected on every element (WeChat never sends any; silently dropping them would let
// a tampered body carry data we never look at). Comments and PIs: rejected for the same reason.
// A leading BOM and whitespace between fields are accepted (both are harmless and legal XML).
import { XMLParser } from 'fast-xml-parser';
import { XmlError } from './xml-error';
import { NAME_RE, RESERVED_NAMES, checkChars, scanXml } from './xml-scan';

export { XmlError };
export type { XmlErrorCode } from './xml-error';
export type Params = Record<string, string>;

export const DEFAULT_MAX_XML_BYTES = 32 * 1024;
/** Real responses have tens of fields (refundquery with coupons: a few hundred at most). */
export const DEFAULT_MAX_XML_FIELDS = 2000;

export type XmlEngine = 'strict' | 'fast-xml-parser';

export interface ParseXmlOptions {
  /** Body cap in UTF-8 bytes, checked before anything else (default 32 KiB). */
  readonly maxBytes?: number;
  /** Cap on the number of fields (default 2,000); bounds the work when maxBytes is raised. */
  readonly maxFields?: number;
  /** Which parser produces the result after the gate (default 'strict'; see the file header). */
  readonly engine?: XmlEngine;
}

function checkName(name: string): void {
  if (!NAME_RE.test(name)) throw new XmlError('BAD_NAME', 'field name is not ^[a-z0-9_]{1,64}$');
  if (RESERVED_NAMES.has(name)) throw new XmlError('RESERVED_NAME', `reserved field name ${name}`);
}

/** Wraps a value in CDATA; a `]]>` inside is split across two sections so it cannot close ours. */
function cdata(value: string): string {
  return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/**
 * `<xml>` with one child per field: strings in CDATA, integers bare. undefined/null fields are
 * skipped (optional request fields). Throws XmlError on a bad name, a non-integer number, or a
 * character XML cannot carry.
 */
export function buildXml(params: Record<string, string | number>): string {
  let out = '<xml>';
  for (const name of Object.keys(params)) {
    const value: unknown = params[name];
    if (value === undefined || value === null) continue;
    checkName(name);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new XmlError('BAD_VALUE', `field ${name}: not a safe integer`);
      out += `<${name}>${value}</${name}>`;
    } else if (typeof value === 'string') {
      checkChars(value, 'value');
      if (value.includes('\r')) {
        // Every XML parser turns CR/CRLF into LF, so the receiver would verify a different string.
        throw new XmlError('BAD_CHAR', `field ${name}: carriage return would not survive XML line-end normalization`);
      }
      out += `<${name}>${cdata(value)}</${name}>`;
    } else {
      throw new XmlError('BAD_VALUE', `field ${name}: expected string or integer, got ${typeof value}`);
    }
  }
  return out + '</xml>';
}

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
});

/** A usable cap, or the default: a NaN or negative cap must never silently disable the limit. */
function cap(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 && !Number.isNaN(value) ? value : fallback;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Parses a WeChat Pay V2 XML body into a flat string map. Throws XmlError, never anything else. */
export function parseXml(text: string, opts?: ParseXmlOptions): Params {
  const maxBytes = cap(opts?.maxBytes, DEFAULT_MAX_XML_BYTES);
  if (typeof text !== 'string') throw new XmlError('NOT_TEXT', 'XML body must be a string');
  // UTF-16 length never exceeds the UTF-8 length, so the cheap check first.
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    throw new XmlError('TOO_LARGE', `body exceeds ${maxBytes} bytes`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkChars(body);
  const scanned = scanXml(body, cap(opts?.maxFields, DEFAULT_MAX_XML_FIELDS));
  if ((opts?.engine ?? 'strict') === 'strict') return scanned;
  let doc: unknown;
  try {
    // The scanner admitted only XML whitespace around the root, so trimming it changes nothing.
    doc = parser.parse(body.trim());
  } catch (e) {
    const msg = e instanceof Error ? e.message.slice(0, 200) : 'unknown';
    throw new XmlError('PARSE_ERROR', `parser rejected the body: ${msg}`);
  }
  return shapeOf(doc);
}

/** Decodes bytes as strict UTF-8 (after the byte cap) and parses them. */
export function parseXmlBytes(bytes: Uint8Array, opts?: ParseXmlOptions): Params {
  const maxBytes = cap(opts?.maxBytes, DEFAULT_MAX_XML_BYTES);
  if (!(bytes instanceof Uint8Array)) throw new XmlError('NOT_TEXT', 'XML body must be bytes');
  if (bytes.byteLength > maxBytes) throw new XmlError('TOO_LARGE', `body exceeds ${maxBytes} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new XmlError('NOT_UTF8', 'body is not valid UTF-8');
  }
  return parseXml(text, { ...opts, maxBytes });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Second line of defence: re-checks the parser's output is exactly { xml: { name: string } }. */
function shapeOf(doc: unknown): Params {
  if (!isRecord(doc)) throw new XmlError('PARSE_ERROR', 'parser returned no document');
  const keys = Object.keys(doc);
  if (keys.length !== 1 || keys[0] !== 'xml') throw new XmlError('WRONG_ROOT', 'document root is not a single <xml>');
  const root = doc.xml;
  const out: Params = {};
  if (typeof root === 'string') {
    if (root.trim() !== '') throw new XmlError('MIXED_CONTENT', 'text directly inside <xml>');
    return out;
  }
  if (Array.isArray(root)) throw new XmlError('DUPLICATE', 'more than one <xml> root');
  if (!isRecord(root)) throw new XmlError('PARSE_ERROR', 'unexpected <xml> content');
  for (const name of Object.keys(root)) {
    const value = root[name];
    if (name === '#text') {
      if (typeof value !== 'string' || value.trim() !== '') {
        throw new XmlError('MIXED_CONTENT', 'text directly inside <xml>');
      }
      continue;
    }
    checkName(name);
    if (Array.isArray(value)) throw new XmlError('DUPLICATE', `field <${name}> appears more than once`);
    if (typeof value !== 'string') throw new XmlError('NOT_FLAT', `field <${name}> is not a plain value`);
    out[name] = value;
  }
  return out;
}
