// Strict single-pass reader for the XML WeChat Pay V2 actually sends (reliability.md section 4):
// an optional UTF-8 declaration, <xml>, flat children whose content is text and/or CDATA. It both
// validates and extracts, linear in the input, no backtracking regex over the body. It rejects
// DOCTYPE/ENTITY, references other than the five predefined entities and numeric references to XML
// characters (xml-refs.ts, bounded), '&' outside a field, comments, PIs, attributes, bad or reserved
// names, nesting beyond depth 2, duplicates, wrong root and trailing junk, each with its own XmlError code.
// Line ends are normalized (CRLF / CR -> LF) as XML 1.0 section 2.11 requires of every parser - per
// raw segment, before references are decoded, so a `&#13;` stays a CR as the standard says.
import { XmlError } from './xml-error';
import { decodeRefs, type RefBudget } from './xml-refs';

export const NAME_RE = /^[a-z0-9_]{1,64}$/;
/** Names that would touch Object.prototype machinery if ever used as plain-object keys. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Fast screen for anything unusual: controls XML forbids, surrogates (usually a valid emoji pair),
// U+FFFD (a lossy decode of non-UTF-8 bytes), U+FFFE/U+FFFF. Only a hit triggers the exact check.
const SCREEN_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFD-\uFFFF]/;
const DECL_RE = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&?]*"|'[^'<&?]*'))*\s*\?>/;
const ENCODING_RE = /\sencoding\s*=\s*["']([^"']*)["']/;

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f; // /

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/**
 * Rejects characters XML 1.0 forbids, lone surrogates and U+FFFD (the trace of a lossy decode; the
 * builder refuses it too, so we never send what we would refuse to read back). Throws XmlError.
 */
export function checkChars(text: string, what: 'body' | 'value' = 'body'): void {
  if (!SCREEN_RE.test(text)) return;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c === 0xfffd) {
      if (what === 'value') throw new XmlError('BAD_CHAR', 'U+FFFD (a decoding artifact) in a value; clean the text');
      throw new XmlError('NOT_UTF8', 'U+FFFD replacement character: the body was not valid UTF-8');
    }
    if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      const hex = c.toString(16).padStart(4, '0');
      throw new XmlError('BAD_CHAR', `character U+${hex} not allowed in XML at offset ${i}`);
    }
  }
}

function normalizeLineEnds(raw: string): string {
  return raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
}

/** Length of a leading XML declaration at `i` (0 if none); throws on a malformed or non-UTF-8 one. */
function declarationLength(text: string, i: number): number {
  if (!text.startsWith('<?xml', i)) return 0;
  const next = text.charCodeAt(i + 5);
  if (!(isWs(next) || next === 0x3f)) return 0; // e.g. <?xml-stylesheet: a PI, rejected later
  const m = DECL_RE.exec(text.slice(i, i + 256));
  if (!m) throw new XmlError('MALFORMED', 'malformed XML declaration');
  const enc = ENCODING_RE.exec(m[0]);
  if (enc && !/^utf-?8$/i.test(enc[1] ?? '')) {
    throw new XmlError('BAD_ENCODING', 'declared encoding is not UTF-8');
  }
  return m[0].length;
}

function describeBang(text: string, i: number): XmlError {
  const head = text.slice(i, i + 10).toUpperCase();
  if (text.startsWith('<!--', i)) return new XmlError('COMMENT', `comment at offset ${i}`);
  if (head.startsWith('<!DOCTYPE')) return new XmlError('DOCTYPE', `DOCTYPE at offset ${i}`);
  if (head.startsWith('<!ENTITY')) return new XmlError('ENTITY', `ENTITY declaration at offset ${i}`);
  if (text.startsWith('<![CDATA[', i)) return new XmlError('MIXED_CONTENT', `CDATA outside a field at offset ${i}`);
  return new XmlError('MARKUP_DECL', `markup declaration at offset ${i}`);
}

interface Tag {
  readonly name: string;
  readonly end: number; // index after '>'
  readonly selfClosing: boolean;
}

/** Reads `<name>` / `<name/>` / `</name>` starting at `i` (text[i] === '<'; `close` when '</'). */
function readTag(text: string, i: number, close: boolean): Tag {
  let j = i + (close ? 2 : 1);
  const start = j;
  while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
  const name = text.slice(start, j);
  let k = j;
  while (k < text.length && isWs(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k);
  let selfClosing = false;
  let end: number;
  if (c === GT) {
    end = k + 1;
  } else if (!close && c === SLASH && text.charCodeAt(k + 1) === GT) {
    selfClosing = true;
    end = k + 2;
  } else if (k >= text.length) {
    throw new XmlError('MALFORMED', `unterminated tag at offset ${i}`);
  } else if (k > j && name.length > 0 && !close) {
    throw new XmlError('ATTRIBUTE', `attribute on <${name}> at offset ${i} (not allowed)`);
  } else {
    throw new XmlError('BAD_NAME', `element name at offset ${i} is not ^[a-z0-9_]{1,64}$`);
  }
  if (name.length === 0 || name.length > 64) {
    throw new XmlError('BAD_NAME', `element name at offset ${i} is not ^[a-z0-9_]{1,64}$`);
  }
  if (RESERVED_NAMES.has(name)) throw new XmlError('RESERVED_NAME', `reserved element name <${name}>`);
  return { name, end, selfClosing };
}

/**
 * Validates and reads a document whose BOM is removed and characters checked (checkChars).
 * Returns the flat field map (a plain object; reserved names never reach it); `refs.used` counts the
 * references it decoded. Throws XmlError.
 */
export function scanXml(text: string, maxFields = Number.POSITIVE_INFINITY, refs: RefBudget = { used: 0 }): Record<string, string> {
  const n = text.length;
  let i = 0;
  while (i < n && isWs(text.charCodeAt(i))) i++; // harmless; some servers emit a newline first
  if (i === n) throw new XmlError('EMPTY', 'empty body');
  i += declarationLength(text, i);
  let depth = 0; // 0 outside root, 1 inside <xml>, 2 inside a field
  let rootClosed = false;
  let field = '';
  let value = '';
  const out: Record<string, string> = {};
  let fields = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LT) {
      const c1 = text.charCodeAt(i + 1);
      if (c1 === 0x21 /* ! */) {
        if (depth === 2 && text.startsWith('<![CDATA[', i)) {
          const end = text.indexOf(']]>', i + 9);
          if (end === -1) throw new XmlError('MALFORMED', `unterminated CDATA at offset ${i}`);
          value += normalizeLineEnds(text.slice(i + 9, end));
          i = end + 3;
          continue;
        }
        throw describeBang(text, i);
      }
      if (c1 === 0x3f /* ? */) {
        throw new XmlError('PROCESSING_INSTRUCTION', `processing instruction at offset ${i}`);
      }
      if (c1 === SLASH) {
        let end: number;
        let name: string;
        if (depth === 2 && text.startsWith(field, i + 2) && text.charCodeAt(i + 2 + field.length) === GT) {
          name = field; // fast path for the expected </field>
          end = i + 3 + field.length;
        } else {
          const tag = readTag(text, i, true);
          name = tag.name;
          end = tag.end;
        }
        if (depth === 2 && name === field) {
          out[field] = value;
          depth = 1;
        } else if (depth === 1 && name === 'xml') {
          depth = 0;
          rootClosed = true;
        } else {
          throw new XmlError('MALFORMED', `unexpected closing tag </${name}> at offset ${i}`);
        }
        i = end;
        continue;
      }
      const tag = readTag(text, i, false);
      if (rootClosed) throw new XmlError('TRAILING_CONTENT', `element after </xml> at offset ${i}`);
      if (depth === 0) {
        if (tag.name !== 'xml') throw new XmlError('WRONG_ROOT', `root element is <${tag.name}>, expected <xml>`);
        if (tag.selfClosing) rootClosed = true;
        else depth = 1;
      } else if (depth === 1) {
        if (Object.hasOwn(out, tag.name)) throw new XmlError('DUPLICATE', `field <${tag.name}> appears more than once`);
        if (++fields > maxFields) throw new XmlError('TOO_MANY_FIELDS', `more than ${maxFields} fields`);
        if (tag.selfClosing) {
          out[tag.name] = '';
        } else {
          depth = 2;
          field = tag.name;
          value = '';
          // Mark the field as seen now, so a duplicate is caught even if this one never closes.
          out[field] = '';
        }
      } else {
        throw new XmlError('NOT_FLAT', `element <${tag.name}> nested inside <${field}> at offset ${i}`);
      }
      i = tag.end;
      continue;
    }
    if (depth === 2) {
      // A text run up to the next '<': no stray ']]>', references decoded (bounded). Runs are
      // disjoint, so searching each one keeps the whole scan linear.
      const lt = text.indexOf('<', i);
      const stop = lt === -1 ? n : lt;
      const run = text.slice(i, stop);
      const stray = run.indexOf(']]>');
      if (stray !== -1) throw new XmlError('MALFORMED', `']]>' outside CDATA at offset ${i + stray}`);
      value += decodeRefs(normalizeLineEnds(run), i, refs);
      i = stop;
      continue;
    }
    if (c === 0x26 /* & */) throw new XmlError('ENTITY_REF', `'&' outside a field at offset ${i}`);
    if (!isWs(c)) {
      if (rootClosed) throw new XmlError('TRAILING_CONTENT', `text after </xml> at offset ${i}`);
      throw new XmlError('MIXED_CONTENT', `text outside a field at offset ${i}`);
    }
    i++;
  }
  if (!rootClosed) {
    throw new XmlError('MALFORMED', depth === 0 ? 'no <xml> root element' : 'unterminated element at end of input');
  }
  return out;
}
