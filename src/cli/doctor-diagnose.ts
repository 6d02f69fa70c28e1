// Why does a signature not verify? Recompute it the ways broken signers do (GBK bytes, the other
// algorithm, empty values kept, values trimmed, values URL-encoded, lowercase hex) and name the
// smallest set of deviations that reproduces the received sign. Nothing matching means the key.
import { compareNames, digest, signaturesEqual } from '../core/wxpay/sign';
import type { SignType } from '../core/wxpay/sign';
import { encodeGbk, hasNonAscii } from './doctor-gbk';

export interface Variant {
  readonly type: SignType;
  readonly gbk: boolean;
  readonly emptiesIncluded: boolean;
  readonly values: 'raw' | 'trimmed' | 'urlencoded';
}

export interface Diagnosis {
  readonly valid: boolean;
  /** The variant that reproduces the received sign (the correct one when valid), or null. */
  readonly match: Variant | null;
  readonly lowercase: boolean; // matched only after upper-casing the received sign
  readonly findings: readonly string[];
}

const OTHER: Record<SignType, SignType> = { MD5: 'HMAC-SHA256', 'HMAC-SHA256': 'MD5' };

/** The string-to-sign (without `&key=`) a signer following `v` would have built from `params`. */
export function variantString(params: Record<string, string>, v: Variant): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name === 'sign') continue;
    const val = v.values === 'trimmed' ? value.trim() : v.values === 'urlencoded' ? encodeURIComponent(value) : value;
    if (val !== '' || v.emptiesIncluded) pairs.push([name, val]);
  }
  pairs.sort((a, b) => compareNames(a[0], b[0]));
  return pairs.map(([k, val]) => `${k}=${val}`).join('&');
}

function signVariant(params: Record<string, string>, key: string, v: Variant): string {
  const text = `${variantString(params, v)}&key=${key}`;
  return digest(v.gbk ? encodeGbk(text) : text, key, v.type);
}

function deviations(v: Variant, expectedType: SignType): number {
  return (
    (v.type === expectedType ? 0 : 1) + (v.gbk ? 1 : 0) + (v.emptiesIncluded ? 1 : 0) + (v.values === 'raw' ? 0 : 1)
  );
}

/** Every variant worth trying for these params, fewest deviations first. */
function variants(params: Record<string, string>, expectedType: SignType): Variant[] {
  const values = Object.entries(params).filter(([k]) => k !== 'sign').map(([, v]) => v);
  const all = values.join('');
  const gbkOptions = hasNonAscii(all) ? [false, true] : [false];
  const emptyOptions = values.some((v) => v === '') ? [false, true] : [false];
  const valueOptions: Variant['values'][] = ['raw'];
  if (values.some((v) => v !== v.trim())) valueOptions.push('trimmed');
  if (values.some((v) => v !== encodeURIComponent(v))) valueOptions.push('urlencoded');
  const out: Variant[] = [];
  for (const type of [expectedType, OTHER[expectedType]])
    for (const gbk of gbkOptions)
      for (const emptiesIncluded of emptyOptions)
        for (const v of valueOptions) out.push({ type, gbk, emptiesIncluded, values: v });
  return out.sort((a, b) => deviations(a, expectedType) - deviations(b, expectedType));
}

function explain(v: Variant, expectedType: SignType, typeSource: string, params: Record<string, string>): string[] {
  const out: string[] = [];
  if (v.type !== expectedType) {
    out.push(
      `sign_type mismatch: the sign is ${v.type} but the message is verified as ${expectedType} (${typeSource}); ` +
        `sign and verify with the same sign_type, and send sign_type=${v.type} if you sign with it`,
    );
  }
  if (v.gbk) {
    out.push(
      'hashed as GBK instead of UTF-8: the signer hashed the bytes of the string in GBK (a Chinese value ' +
        'such as body); encode the string-to-sign as UTF-8 before hashing',
    );
  }
  if (v.emptiesIncluded) {
    const empties = Object.keys(params).filter((k) => k !== 'sign' && params[k] === '');
    out.push(
      `empty value included: ${empties.join(', ')} ${empties.length === 1 ? 'is' : 'are'} empty and must be left ` +
        'out of the string-to-sign',
    );
  }
  if (v.values === 'trimmed') {
    const padded = Object.keys(params).filter((k) => k !== 'sign' && params[k] !== params[k]?.trim());
    out.push(
      `whitespace trimmed: the signer trimmed ${padded.join(', ')} but the message carries the untrimmed ` +
        'value(s); sign exactly the values that are sent',
    );
  }
  if (v.values === 'urlencoded') {
    out.push('values URL-encoded before signing: the string-to-sign uses raw values, no URL or XML escaping');
  }
  return out;
}

/**
 * Diagnoses `params.sign` under `key`, verified as `expectedType` (`typeSource` says why that type,
 * for the message). Assumes params.sign is present.
 */
export function diagnose(
  params: Record<string, string>,
  key: string,
  expectedType: SignType,
  typeSource: string,
): Diagnosis {
  const received = params.sign ?? '';
  const lowercase = /[a-f]/.test(received) && /^[0-9a-fA-F]+$/.test(received);
  const candidates = variants(params, expectedType);
  for (const v of candidates) {
    const expected = signVariant(params, key, v);
    const exact = signaturesEqual(expected, received);
    if (!exact && !(lowercase && signaturesEqual(expected, received.toUpperCase()))) continue;
    const findings = explain(v, expectedType, typeSource, params);
    if (!exact) findings.push('lowercase hex: WeChat signatures are uppercase hex; upper-case the digest');
    return { valid: findings.length === 0, match: v, lowercase: !exact, findings };
  }
  const findings: string[] = [];
  if (!/^([0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})$/.test(received)) {
    findings.push(`malformed sign: ${received.length} characters, expected 32 (MD5) or 64 (HMAC-SHA256) hex digits`);
  }
  findings.push(
    'wrong key: no variant matches (UTF-8/GBK, MD5/HMAC-SHA256, empty values kept or dropped, trimmed or ' +
      'URL-encoded values); check the API key (32 characters, set in the merchant platform; the sandbox ' +
      'uses the key returned by getsignkey), or the message was changed after it was signed',
  );
  return { valid: false, match: null, lowercase: false, findings };
}
