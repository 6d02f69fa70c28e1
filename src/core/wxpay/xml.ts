// WeChat Pay V2 XML envelope: build requests, parse responses/notifications (hardened).
// Parsing follows reliability.md section 4: byte cap first, then a character check, then the gate -
// a strict single-pass scanner (xml-scan.ts) that rejects DOCTYPE/ENTITY, every reference but the five
// predefined entities and numeric references to XML characters (bounded, xml-refs.ts) and anything not
// flat BEFORE the general-purpose parser runs. Every failure is an XmlError.
//
// Engines: 'fast-xml-parser' (default, production: the parser the design's stack names) runs after the
// gate with the reliability.md recipe options - entities on only for what the gate admitted, with
// fast-xml-parser's own expansion caps as a second line - then a shape check of its output.
// 'strict' returns the gate's own result: the tests run both over the hostile corpus and the generated
// mutations and require identical results, so the scanner is an independent oracle for the parser.
//
// Attributes: rejected on every element (WeChat never sends any; silently dropping them would let
// a tampered body carry data we never look at). Comments and PIs: rejected for the same reason.
// A leading BOM and whitespace between fields are accepted (both are harmless and legal XML).
import { XMLParser } from 'fast-xml-parser';
import { XmlError } from './xml-error';
import { MAX_XML_REFS } from './xml-refs';
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
  /** Which parser produces the result after the gate (default 'fast-xml-parser'; see the file header). */
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

const RECIPE = {
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
} as const;
/** For bodies in which the gate decoded references (rare): entities on for exactly what it admitted. */
const parserWithRefs = new XMLParser({
  ...RECIPE,
  // Only &amp; &lt; &gt; &quot; &apos; and numeric references reach it (the gate refuses the rest and
  // every DOCTYPE); htmlEntities is what makes fast-xml-parser decode numeric references.
  processEntities: { enabled: true, maxTotalExpansions: MAX_XML_REFS, maxEntityCount: 0, maxEntitySize: 0 },
  htmlEntities: true,
});
/** For the usual body (CDATA, no references): entity processing would be a no-op and costs ~2x. */
const parserNoRefs = new XMLParser({ ...RECIPE, processEntities: false, htmlEntities: false });

/** A usable cap, or the default: a NaN or negative cap must never silently disable the limit. */
function cap(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 && !Number.isNaN(value) ? value : fallback;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A body the gate admitted: BOM removed, the gate's own reading of it (the oracle), references decoded. */
export interface Gated {
  readonly body: string;
  readonly fields: Params;
  readonly refs: number;
}

/** The gate alone: byte cap, characters, strict scan. Throws XmlError, never anything else. */
export function gateXml(text: string, opts?: ParseXmlOptions): Gated {
  const maxBytes = cap(opts?.maxBytes, DEFAULT_MAX_XML_BYTES);
  if (typeof text !== 'string') throw new XmlError('NOT_TEXT', 'XML body must be a string');
  // UTF-16 length never exceeds the UTF-8 length, so the cheap check first.
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    throw new XmlError('TOO_LARGE', `body exceeds ${maxBytes} bytes`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkChars(body);
  const refs = { used: 0 };
  const fields = scanXml(body, cap(opts?.maxFields, DEFAULT_MAX_XML_FIELDS), refs);
  return { body, fields, refs: refs.used };
}

/** Reads a gated body with the chosen engine (default: fast-xml-parser). Throws XmlError. */
export function readGated(gated: Gated, engine: XmlEngine = 'fast-xml-parser'): Params {
  if (engine === 'strict') return gated.fields;
  let doc: unknown;
  try {
    // The scanner admitted only XML whitespace around the root, so trimming it changes nothing.
    doc = (gated.refs > 0 ? parserWithRefs : parserNoRefs).parse(gated.body.trim());
  } catch (e) {
    const msg = e instanceof Error ? e.message.slice(0, 200) : 'unknown';
    throw new XmlError('PARSE_ERROR', `parser rejected the body: ${msg}`);
  }
  return shapeOf(doc);
}

/** Parses a WeChat Pay V2 XML body into a flat string map. Throws XmlError, never anything else. */
export function parseXml(text: string, opts?: ParseXmlOptions): Params {
  return readGated(gateXml(text, opts), opts?.engine);
}

/** Strict UTF-8 decode of network bytes, after the byte cap. Throws XmlError. */
export function decodeXmlBytes(bytes: Uint8Array, maxBytesOpt?: number): string {
  const maxBytes = cap(maxBytesOpt, DEFAULT_MAX_XML_BYTES);
  if (!(bytes instanceof Uint8Array)) throw new XmlError('NOT_TEXT', 'XML body must be bytes');
  if (bytes.byteLength > maxBytes) throw new XmlError('TOO_LARGE', `body exceeds ${maxBytes} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new XmlError('NOT_UTF8', 'body is not valid UTF-8');
  }
}

/** Decodes bytes as strict UTF-8 (after the byte cap) and parses them. */
export function parseXmlBytes(bytes: Uint8Array, opts?: ParseXmlOptions): Params {
  return parseXml(decodeXmlBytes(bytes, opts?.maxBytes), opts);
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
