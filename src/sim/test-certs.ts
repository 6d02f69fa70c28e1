// Where the committed TEST-ONLY certificates live (resources/test-certs, made by `npm run certs`).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestCertPaths {
  readonly dir: string;
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** Merchant client certificate files for a mch_id (PEM pair, modern and legacy PKCS#12; password = mch_id). */
  merchant(mchId: string): { readonly cert: string; readonly key: string; readonly p12: string; readonly legacyP12: string };
}

/** Finds resources/test-certs by walking up from this module (works from src/ and from a bundle next to it). */
export function findTestCertsDir(start = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'test-certs');
    if (existsSync(join(candidate, 'ca.pem'))) return candidate;
    const up = resolve(dir, '..');
    if (up === dir) break;
    dir = up;
  }
  return null;
}

export function testCertPaths(dir: string): TestCertPaths {
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key'),
    merchant: (mchId) => ({
      cert: join(dir, `merchant-${mchId}.pem`),
      key: join(dir, `merchant-${mchId}.key`),
      p12: join(dir, `merchant-${mchId}.p12`),
      legacyP12: join(dir, `merchant-${mchId}-legacy.p12`),
    }),
  };
}
