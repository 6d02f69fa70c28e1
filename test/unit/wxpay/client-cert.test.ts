// Loading the merchant certificate: the committed fixtures, legacy RC2-40 .p12 via node-forge, and the
// checks that keep a wrong file from ever reaching the wire.
import { describe, expect, it } from 'vitest';
import { createSecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { loadClientCert } from '../../../src/core/wxpay/client-cert';
import { createWxPayClient } from '../../../src/core/wxpay/client';
import { VirtualClock } from '../../../src/common/clock';
import { MERCHANT } from './support/fake-gateway';
import { certBytes, certFile } from './support/fake-gateway';

const NOW = Date.UTC(2026, 0, 15);

describe('test certificate fixtures (resources/test-certs)', () => {
  it('Node 20 itself cannot load the legacy .p12 but loads the modern one (why we convert)', () => {
    expect(() => createSecureContext({ pfx: certBytes('merchant-1900000109-legacy.p12'), passphrase: '1900000109' })).toThrow();
    expect(() => createSecureContext({ pfx: certBytes('merchant-1900000109.p12'), passphrase: '1900000109' })).not.toThrow();
  });

  it('subjects, SANs and validity are what the tests rely on', () => {
    const ca = new X509Certificate(certFile('ca.pem'));
    const server = new X509Certificate(certFile('server.pem'));
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.subjectAltName).toContain('DNS:localhost');
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(new X509Certificate(certFile('wrong-host-server.pem')).subjectAltName).toBe('DNS:wrong.example');
    for (const mch of ['1900000109', '1900000110']) {
      const m = new X509Certificate(certFile(`merchant-${mch}.pem`));
      expect(m.subject).toContain(`CN=${mch}`);
      expect(m.subject).toContain('O=WeChat-Pay-Test');
      expect(m.checkIssued(ca)).toBe(true);
      expect(Date.parse(m.validTo)).toBeGreaterThan(Date.now() + 10 * 365 * 86_400_000);
    }
    for (const f of ['expired-server.pem', 'expired-merchant.pem']) {
      expect(Date.parse(new X509Certificate(certFile(f)).validTo)).toBeLessThan(Date.now());
    }
    expect(new X509Certificate(certFile('merchant-by-other-ca.pem')).checkIssued(ca)).toBe(false);
  });
});

describe('loadClientCert', () => {
  it('legacy and modern .p12 give the same PEM pair as the PEM files', () => {
    const pemCert = new X509Certificate(certFile('merchant-1900000109.pem'));
    for (const f of ['merchant-1900000109-legacy.p12', 'merchant-1900000109.p12']) {
      const r = loadClientCert({ p12: certBytes(f), passphrase: '1900000109' }, '1900000109', NOW);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(new X509Certificate(r.value.certPem).fingerprint256).toBe(pemCert.fingerprint256);
      expect(r.value.commonName).toBe('1900000109');
      expect(r.value.keyPem).toContain('PRIVATE KEY');
    }
  });

  it('wrong password -> CLIENT_CERT_PASSWORD; garbage -> CLIENT_CERT_INVALID; nothing -> CLIENT_CERT_MISSING', () => {
    expect(loadClientCert({ p12: certBytes('merchant-1900000109-legacy.p12'), passphrase: 'nope' }, '1900000109', NOW)).toMatchObject({
      ok: false,
      code: 'CLIENT_CERT_PASSWORD',
    });
    expect(loadClientCert({ p12: Buffer.from('not a p12') }, '1900000109', NOW)).toMatchObject({ ok: false, code: 'CLIENT_CERT_INVALID' });
    expect(loadClientCert({ certPem: 'x', keyPem: 'y' }, '1900000109', NOW)).toMatchObject({ ok: false, code: 'CLIENT_CERT_INVALID' });
    expect(loadClientCert({}, '1900000109', NOW)).toMatchObject({ ok: false, code: 'CLIENT_CERT_MISSING' });
  });

  it('expired, another merchant, mismatched key', () => {
    expect(loadClientCert({ certPem: certFile('expired-merchant.pem'), keyPem: certFile('expired-merchant.key') }, '1900000109', NOW)).toMatchObject({
      code: 'CLIENT_CERT_EXPIRED',
    });
    expect(loadClientCert({ certPem: certFile('merchant-1900000110.pem'), keyPem: certFile('merchant-1900000110.key') }, '1900000109', NOW)).toMatchObject({
      code: 'CLIENT_CERT_WRONG_MERCHANT',
    });
    expect(loadClientCert({ certPem: certFile('merchant-1900000110.pem'), keyPem: certFile('merchant-1900000109.key') }, '1900000110', NOW)).toMatchObject({
      code: 'CLIENT_CERT_INVALID',
    });
  });
});

describe('client.checkCertificate (settings preflight, nothing sent)', () => {
  it('reports subject and expiry, or the load error, never key material', async () => {
    const clock = new VirtualClock(NOW);
    const good = createWxPayClient({ ...MERCHANT, signType: 'MD5', clock, cert: { p12: certBytes('merchant-1900000109-legacy.p12') } });
    const r = good.checkCertificate();
    expect(r).toMatchObject({ ok: true, value: { commonName: '1900000109' } });
    expect(JSON.stringify(r)).not.toContain('PRIVATE KEY');
    clock.set(Date.UTC(2047, 0, 1));
    expect(good.checkCertificate()).toMatchObject({ ok: false, code: 'CLIENT_CERT_EXPIRED' });
    const none = createWxPayClient({ ...MERCHANT, signType: 'MD5' });
    expect(none.checkCertificate()).toMatchObject({ ok: false, code: 'CLIENT_CERT_MISSING' });
    await good.close();
    await none.close();
  });
});
