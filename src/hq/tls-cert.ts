// HQ's TLS certificate: given (--cert/--key), or self-signed at first start and kept in the data folder.
// Tills pin it by its SHA-256 fingerprint (shown at HQ next to the enrolment code), so no public CA is needed.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface HqCert {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the DER certificate, upper-case hex with colons (what Node's fingerprint256 gives). */
  readonly fingerprint: string;
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

export function selfSignedCert(names: readonly string[] = ['localhost', hostname()], ips: readonly string[] = ['127.0.0.1', '::1']): HqCert {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const attrs = [{ name: 'commonName', value: 'wxpay-pos head office' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { cert: certPem, key: keyPem, fingerprint: fingerprintOf(certPem) };
}

/** The cert in dir (hq-cert.pem / hq-key.pem), made on first use. */
export function loadOrCreateCert(dir: string): HqCert & { created: boolean } {
  const certFile = join(dir, 'hq-cert.pem');
  const keyFile = join(dir, 'hq-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: fingerprintOf(cert), created: false };
  }
  mkdirSync(dir, { recursive: true });
  const c = selfSignedCert();
  writeFileSync(keyFile, c.key, { mode: 0o600 });
  writeFileSync(certFile, c.cert);
  return { ...c, created: true };
}
