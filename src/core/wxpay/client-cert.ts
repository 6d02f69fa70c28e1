// Loads the merchant's API client certificate into a PEM pair for undici/tls.
// WeChat issues apiclient_cert.p12 encrypted with RC2-40 (legacy PKCS#12) that Node 20's OpenSSL 3 cannot
// read ("Unsupported PKCS12 PFX data"), so every .p12 goes through node-forge (pure JS, handles RC2-40,
// 3DES and the modern AES/PBKDF2 files alike) and is re-emitted as PEM. Passwords and key material never
// appear in an error message.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import type { ClientCert } from './config';
import type { CertCode } from './codes';
import { fail, ok, type Fail, type Result } from '../../common/result';

export interface LoadedCert {
  readonly certPem: string;
  readonly keyPem: string;
  /** e.g. "CN=1900000109\nO=WeChat-Pay-Test" as node prints it. */
  readonly subject: string;
  readonly commonName: string | null;
  readonly notAfter: number; // epoch ms
}
export interface CertLoadError {
  readonly code: CertCode;
  readonly message: string;
}
export type CertLoadResult = Result<LoadedCert, CertLoadError>;

const SHROUDED_KEY_BAG = forge.pki.oids.pkcs8ShroudedKeyBag as string;
const KEY_BAG = forge.pki.oids.keyBag as string;
const CERT_BAG = forge.pki.oids.certBag as string;

function refuse(code: CertCode, message: string): Fail<CertLoadError> {
  return fail({ code, message });
}

function p12ToPem(p12: Uint8Array, password: string): Result<{ certPem: string; keyPem: string }, CertLoadError> {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.createBuffer(Buffer.from(p12).toString('binary'));
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), false, password);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    // forge: "PKCS#12 MAC could not be verified. Invalid password?"
    if (/password|MAC could not be verified/i.test(msg)) {
      return refuse('CLIENT_CERT_PASSWORD', 'the PKCS#12 password is wrong (WeChat sets it to the mch_id)');
    }
    return refuse('CLIENT_CERT_INVALID', 'the file is not a readable PKCS#12 certificate');
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: SHROUDED_KEY_BAG })[SHROUDED_KEY_BAG] ?? []),
    ...(parsed.getBags({ bagType: KEY_BAG })[KEY_BAG] ?? []),
  ];
  const certBags: forge.pkcs12.Bag[] = parsed.getBags({ bagType: CERT_BAG })[CERT_BAG] ?? [];
  const key = keyBags.find((b) => b.key)?.key;
  if (!key) return refuse('CLIENT_CERT_INVALID', 'the PKCS#12 file holds no (RSA) private key');
  const keyPem = forge.pki.privateKeyToPem(key);
  // The leaf is the certificate whose public key matches the private key (a .p12 may carry CA certs too).
  const rsaKey = key as forge.pki.rsa.PrivateKey;
  const leaf = certBags.find((b) => {
    const pub = b.cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
    return pub !== undefined && pub.n !== undefined && pub.n.equals(rsaKey.n) && pub.e.equals(rsaKey.e);
  });
  if (!leaf?.cert) return refuse('CLIENT_CERT_INVALID', 'the PKCS#12 file holds no certificate for its key');
  return ok({ certPem: forge.pki.certificateToPem(leaf.cert), keyPem });
}

function commonNameOf(subject: string): string | null {
  const m = /(?:^|\n)CN=([^\n]*)/.exec(subject);
  return m?.[1] ?? null;
}

/**
 * Reads a client certificate and checks it belongs to mchId. `now` decides expiry (injected clock).
 * A certificate whose CN is a different all-digit mch_id is refused: it would be rejected by WeChat
 * anyway, and sending it leaks which merchants this till knows.
 */
export function loadClientCert(cert: ClientCert, mchId: string, now: number): CertLoadResult {
  let certPem: string;
  let keyPem: string;
  if (cert.p12 && cert.p12.byteLength > 0) {
    const r = p12ToPem(cert.p12, cert.passphrase ?? mchId);
    if (!r.ok) return r;
    ({ certPem, keyPem } = r.value);
  } else if (cert.certPem && cert.keyPem) {
    certPem = cert.certPem;
    keyPem = cert.keyPem;
  } else {
    return refuse('CLIENT_CERT_MISSING', 'no client certificate configured (a .p12 file or a PEM certificate and key)');
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
  } catch {
    return refuse('CLIENT_CERT_INVALID', 'the certificate is not a readable X.509 PEM');
  }
  try {
    if (!x509.checkPrivateKey(createPrivateKey(keyPem))) {
      return refuse('CLIENT_CERT_INVALID', 'the private key does not belong to the certificate');
    }
  } catch {
    return refuse('CLIENT_CERT_INVALID', 'the private key is not a readable, unencrypted PEM key');
  }
  const notAfter = Date.parse(x509.validTo);
  if (!Number.isFinite(notAfter) || notAfter <= now) {
    return refuse('CLIENT_CERT_EXPIRED', `the client certificate expired on ${x509.validTo}`);
  }
  const commonName = commonNameOf(x509.subject);
  if (commonName !== null && /^\d{6,}$/.test(commonName) && commonName !== mchId) {
    return refuse('CLIENT_CERT_WRONG_MERCHANT', `the client certificate is for mch_id ${commonName}, not ${mchId}`);
  }
  return ok({ certPem, keyPem, subject: x509.subject, commonName, notAfter });
}
