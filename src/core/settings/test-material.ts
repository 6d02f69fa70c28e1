// Test material that LIVE refuses (issue 11 point 7): the simulator's merchants (sandbox appid, mch_id,
// API key) and client certificates issued by the bundled test CA (resources/test-certs, made by
// scripts/gen-certs.sh). Kept in core because core must not import sim; test/unit/settings/
// test-material.test.ts keeps these lists equal to src/sim/sandbox-merchant.ts and the certificates.
import { createHash, X509Certificate } from 'node:crypto';

export const TEST_APPIDS: readonly string[] = ['wx2421b1c4370ec43b', 'wx2421b1c4370ec43c'];
export const TEST_MCH_IDS: readonly string[] = ['1900000109', '1900000110'];
/** SHA-256 of the test API keys (WeChat's published documentation key and a made-up one). */
export const TEST_KEY_SHA256: readonly string[] = [
  '4ad1bc7cf3cf09f9293fc2d83eb1b5bf6bd2b4c56191ad89b336a0b2d772fbf7',
  'f3bacdf23cd64027752bd31bbcbde83b8e031339a484258cd09e543ef193e7e3',
];
/**
 * Every certificate gen-certs.sh makes carries this organisation in its issuer (both test CAs are
 * "O=wxpay-pos TEST ONLY"). Matched by name, not fingerprint, because re-running the script makes new
 * keys; no real WeChat Pay certificate is issued by a CA with this name.
 */
export const TEST_CA_MARK = 'wxpay-pos TEST ONLY';

export interface MaterialToCheck {
  readonly appid?: string;
  readonly mchId?: string;
  readonly key?: string;
  readonly certPem?: string | null;
}

/** What in m is test material, in plain words (empty when none). */
export function testMaterialIn(m: MaterialToCheck): string[] {
  const found: string[] = [];
  if (m.appid !== undefined && TEST_APPIDS.includes(m.appid)) found.push('the AppID is the sandbox test AppID');
  if (m.mchId !== undefined && TEST_MCH_IDS.includes(m.mchId)) found.push('the mch_id is the sandbox test merchant');
  if (m.key !== undefined && TEST_KEY_SHA256.includes(createHash('sha256').update(m.key, 'utf8').digest('hex'))) {
    found.push('the API key is the published sandbox test key');
  }
  if (m.certPem) {
    try {
      if (new X509Certificate(m.certPem).issuer.includes(TEST_CA_MARK)) found.push('the certificate was issued by the bundled test CA');
    } catch {
      // An unreadable certificate is refused elsewhere (CERT_ERROR); it is not test material.
    }
  }
  return found;
}

export function testMaterialMessage(found: readonly string[]): string {
  return `LIVE mode cannot use test material: ${found.join('; ')}. Enter your real WeChat Pay merchant details and certificate.`;
}
