// The one error type the XML codec throws. `code` is stable (tests and the client switch on it);
// `message` says what was wrong and where, never echoes values (they may carry secrets or junk).

export type XmlErrorCode =
  | 'NOT_TEXT' // input is not a string / bytes
  | 'TOO_LARGE' // body over the byte cap (checked before anything else)
  | 'TOO_MANY_FIELDS' // more fields than maxFields
  | 'EMPTY' // nothing but whitespace
  | 'NOT_UTF8' // bytes are not UTF-8, or U+FFFD replacement characters show a lossy decode
  | 'BAD_CHAR' // a character XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF)
  | 'BAD_ENCODING' // declaration names an encoding other than UTF-8
  | 'DOCTYPE' // <!DOCTYPE ...>
  | 'ENTITY' // <!ENTITY ...>
  | 'ENTITY_REF' // '&' outside a field, or a reference other than &amp; &lt; &gt; &quot; &apos; / &#N; &#xN; to an XML char
  | 'TOO_MANY_REFS' // more entity/character references than the per-document cap (xml-refs.ts)
  | 'MARKUP_DECL' // any other <!...> declaration
  | 'COMMENT' // <!-- -->
  | 'PROCESSING_INSTRUCTION' // <?...?> other than one leading XML declaration
  | 'ATTRIBUTE' // attributes on any element
  | 'BAD_NAME' // element name not ^[a-z0-9_]{1,64}$
  | 'RESERVED_NAME' // __proto__, constructor, prototype
  | 'WRONG_ROOT' // root element is not <xml>
  | 'NOT_FLAT' // an element inside a field (depth > 2)
  | 'DUPLICATE' // the same field twice
  | 'MIXED_CONTENT' // non-whitespace text or CDATA directly in <xml> or outside the root
  | 'TRAILING_CONTENT' // anything but whitespace after </xml>
  | 'MALFORMED' // unbalanced / unterminated tags, stray ']]>', unterminated CDATA
  | 'BAD_VALUE' // buildXml: a value that is neither a string nor a safe integer
  | 'PARSE_ERROR'; // the underlying parser threw (should be unreachable after the prescan)

export class XmlError extends Error {
  readonly code: XmlErrorCode;
  constructor(code: XmlErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'XmlError';
    this.code = code;
  }
}
