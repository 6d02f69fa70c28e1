// Reads and checks the merchant's client certificate (apiclient_cert.p12 with its password, or the
// PEM pair) before it is stored; .p12 files are opened by the transport's loader (src/core/wxpay).
// Whatever the source, we keep one normalised form: a PEM certificate and an unencrypted PKCS#8 key,
// which Node's TLS loads directly (the RC2-40 .p12 WeChat issues does not load in Node 20's
// OpenSSL 3: it refuses RC2-40), always inside a SecretBox blob.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { loadClientCert } from '../wxpay/client-cert';
import { err, ok, type Result } from '../../common/result';

/** What main's file dialog hands back (CoreOptions.files.pickCertificate). */
export type CertFile =
  | { readonly format: 'p12'; readonly fileName: string; readonly bytes: Uint8Array }
  /** text: the chosen .pem file(s) concatenated: the CERTIFICATE block and the PRIVATE KEY block. */
  | { readonly format: 'pem'; readonly fileName: string; readonly text: string };

export interface CertInfo {
  readonly subject: string; // one line, e.g. "CN=1900000109, O=Tenpay.com"
  readonly commonName: string; // WeChat puts the mch_id here
  readonly notBefore: number; // epoch ms
  readonly notAfter: number; // epoch ms
  readonly fingerprint256: string;
}

export interface CertMaterial {
  readonly certPem: string;
  readonly keyPem: string; // PKCS#8, unencrypted: only ever stored encrypted by the SecretBox
  readonly info: CertInfo;
}

const MAX_FILE_BYTES = 64 * 1024; // a merchant p12/PEM is ~3-4 KB

function certError(message: string): Result<never> {
  return err('CERT_ERROR', message);
}

function infoOf(x509: X509Certificate): CertInfo {
  const fields = x509.subject.split('\n').filter(Boolean);
  const cn = fields.find((f) => f.startsWith('CN='))?.slice(3) ?? '';
  return {
    subject: fields.join(', '),
    commonName: cn,
    notBefore: Date.parse(x509.validFrom),
    notAfter: Date.parse(x509.validTo),
    fingerprint256: x509.fingerprint256,
  };
}

/** Pairs a certificate with its key and checks they belong together. */
function fromPems(certPems: readonly string[], key: KeyObject): Result<CertMaterial> {
  for (const pem of certPems) {
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(pem);
    } catch {
      continue;
    }
    if (!x509.checkPrivateKey(key)) continue;
    return ok({
      certPem: x509.toString(),
      keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
      info: infoOf(x509),
    });
  }
  return certPems.length
    ? certError('The private key does not belong to the certificate.')
    : certError('No certificate found in the file.');
}

/**
 * Opens a .p12 with the transport's loader (node-forge: handles WeChat's legacy RC2-40 files as well as
 * modern AES ones) and maps its verdicts to plain words.
 */
export function loadP12(bytes: Uint8Array, password: string, mchId: string, now: number): Result<CertMaterial> {
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_FILE_BYTES) return certError('This is not a certificate file (.p12).');
  const r = loadClientCert({ p12: bytes, passphrase: password }, mchId, now);
  if (!r.ok) {
    switch (r.code) {
      case 'CLIENT_CERT_PASSWORD':
        return certError('Wrong certificate password (for a WeChat Pay certificate it is the mch_id).');
      case 'CLIENT_CERT_WRONG_MERCHANT':
        return certError(`This is a certificate for another merchant, not ${mchId}.`);
      case 'CLIENT_CERT_EXPIRED':
        return certError('The certificate has expired.');
      case 'CLIENT_CERT_MISSING':
      case 'CLIENT_CERT_INVALID':
        return certError(`The .p12 file could not be used: ${r.message}.`);
      default: {
        const never: never = r.code;
        return never;
      }
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(r.value.keyPem);
  } catch {
    return certError('The private key in the .p12 could not be read.');
  }
  return fromPems([r.value.certPem], key);
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

export function loadPem(text: string): Result<CertMaterial> {
  if (text.length === 0 || text.length > MAX_FILE_BYTES) return certError('This is not a PEM certificate file.');
  const certs: string[] = [];
  const keys: string[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    const label = m[1] ?? '';
    if (label === 'CERTIFICATE') certs.push(m[0]);
    else if (label.endsWith('PRIVATE KEY')) keys.push(m[0]);
  }
  if (!certs.length) return certError('No certificate found: choose apiclient_cert.pem (and apiclient_key.pem).');
  if (!keys.length) return certError('No private key found: choose apiclient_key.pem as well.');
  for (const k of keys) {
    let key: KeyObject;
    try {
      key = createPrivateKey(k);
    } catch {
      return certError('The private key is encrypted or damaged: export it without a password.');
    }
    const m = fromPems(certs, key);
    if (m.ok) return m;
  }
  return certError('The private key does not belong to the certificate.');
}

/** Reads the file; checkForMerchant then decides whether it fits this merchant now. */
export function loadCertFile(file: CertFile, password: string | null, mchId: string, now: number): Result<CertMaterial> {
  if (file.format === 'p12') return loadP12(file.bytes, password ?? '', mchId, now);
  return loadPem(file.text);
}

/** The checks that make a certificate usable for this merchant, now. */
export function checkForMerchant(info: CertInfo, mchId: string, now: number): Result<null> {
  if (!mchId) return certError('Enter the mch_id before importing the certificate.');
  if (info.commonName !== mchId) {
    return certError(`This is a certificate for another merchant (${info.commonName || 'no mch_id'}), not ${mchId}.`);
  }
  if (!(info.notAfter > now)) return certError(`The certificate expired on ${new Date(info.notAfter).toISOString().slice(0, 10)}.`);
  if (!(info.notBefore <= now)) return certError('The certificate is not valid yet: check the computer clock.');
  return ok(null);
}

/** Serialised form inside the SecretBox blob. */
export function encodeMaterial(m: CertMaterial): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: 1, certPem: m.certPem, keyPem: m.keyPem }));
}

export function decodeMaterial(bytes: Uint8Array): { certPem: string; keyPem: string } {
  const o = JSON.parse(new TextDecoder().decode(bytes)) as { v?: number; certPem?: string; keyPem?: string };
  if (o.v !== 1 || typeof o.certPem !== 'string' || typeof o.keyPem !== 'string') throw new Error('bad certificate record');
  return { certPem: o.certPem, keyPem: o.keyPem };
}
