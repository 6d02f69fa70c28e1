// Issue 11 point 7: LIVE refuses test material (the simulator's merchants, certificates issued by the
// bundled test CA), with a plain-words reason and nothing switched; leaving SANDBOX stops the in-process
// simulator and its /sim control API.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { ok } from '../../../src/common/result';
import { memoryLogger } from '../../../src/core/logger';
import { unconfiguredClient, type GatewayConfig } from '../../../src/core/settings/gateway';
import { TEST_SCRYPT } from '../../../src/core/settings/manager-pin';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { TEST_APPIDS, TEST_KEY_SHA256, TEST_MCH_IDS, testMaterialIn } from '../../../src/core/settings/test-material';
import type { CoreHandle, CoreOptions, SandboxRuntime } from '../../../src/host';
import { startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { SANDBOX_MERCHANT, SECOND_MERCHANT, SIM_TOKEN_HEADER } from '../../../src/sim';
import { createHash } from 'node:crypto';
import { CERTS, SANDBOX, p12File, queuedPicker } from './helpers';

const handles: CoreHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const fakeSandbox = async (): Promise<SandboxRuntime> => ({
  target: { baseUrl: 'http://127.0.0.1:9' },
  merchant: { appid: SANDBOX.appid, mchId: SANDBOX.mchId, key: SANDBOX.key, signType: 'MD5' },
  cert: null,
  simulator: null,
  phone: async () => ok(null),
  close: async () => {},
});

async function boot(extra: Partial<CoreOptions> = {}) {
  const dir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'livetest-'));
  if (!extra.dataDir) dirs.push(dir);
  const built: GatewayConfig[] = [];
  const picker = queuedPicker();
  const handle = await startSignedIn({
    dataDir: dir,
    secretBox: new MemorySecretBox(),
    events: () => {},
    files: picker,
    clock: new VirtualClock(Date.now()),
    appVersion: 'test',
    logger: memoryLogger(),
    pin: { scrypt: TEST_SCRYPT },
    liveGateway: { baseUrl: 'https://127.0.0.1:8' },
    makeClient: (cfg) => {
      built.push(cfg);
      return unconfiguredClient('fake');
    },
    startSandbox: fakeSandbox,
    ...extra,
  });
  handles.push(handle);
  await handle.internals.started;
  return { handle, built, picker, dir };
}

describe('LIVE refuses test material', () => {
  it('the lists in core are the simulator\'s merchants, and the bundled certificates are recognised', () => {
    expect([...TEST_APPIDS].sort()).toEqual([SANDBOX_MERCHANT.appid, SECOND_MERCHANT.appid].sort());
    expect([...TEST_MCH_IDS].sort()).toEqual([SANDBOX_MERCHANT.mchId, SECOND_MERCHANT.mchId].sort());
    const sha = (k: string): string => createHash('sha256').update(k).digest('hex');
    expect([...TEST_KEY_SHA256].sort()).toEqual([sha(SANDBOX_MERCHANT.key), sha(SECOND_MERCHANT.key)].sort());
    for (const f of ['merchant-1900000109.pem', 'merchant-1900000110.pem', 'merchant-by-other-ca.pem', 'expired-merchant.pem']) {
      expect(testMaterialIn({ certPem: readFileSync(join(CERTS, f), 'utf8') })).toEqual(['the certificate was issued by the bundled test CA']);
    }
  });

  it('real-looking merchant details and a certificate from another CA are not test material', () => {
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.UTC(2026, 0, 1));
    cert.validity.notAfter = new Date(Date.UTC(2030, 0, 1));
    cert.setSubject([{ name: 'commonName', value: '1234567890' }]);
    cert.setIssuer([{ name: 'organizationName', value: 'Tenpay.com' }, { name: 'commonName', value: 'Tenpay.com Root CA' }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    expect(testMaterialIn({ appid: 'wx0123456789abcdef', mchId: '1234567890', key: 'Z'.repeat(32), certPem: forge.pki.certificateToPem(cert) })).toEqual([]);
  });

  it('setMode LIVE with the sandbox merchant and a test-CA certificate: refused in plain words, nothing switched, no LIVE client built', async () => {
    const { handle, built, picker } = await boot();
    await handle.dispatch('saveSettings', { appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key });
    picker.next.push(p12File('merchant-1900000109-legacy.p12'));
    expect(await handle.dispatch('importMerchantCertificate', { format: 'p12', password: SANDBOX.mchId })).toMatchObject({ ok: true });
    const r = await handle.dispatch('setMode', { mode: 'LIVE', confirmed: true });
    expect(r).toMatchObject({ ok: false, code: 'TEST_MATERIAL_IN_LIVE' });
    const message = (r as { message: string }).message;
    for (const what of ['AppID', 'mch_id', 'API key', 'test CA']) expect(message).toContain(what);
    expect(handle.internals.settings.mode()).toBe('SANDBOX');
    expect(built.some((c) => c.baseUrl === 'https://127.0.0.1:8')).toBe(false);
  });

  it('a till already LIVE on test material (an old database) builds no LIVE client at the next start', async () => {
    const box = new MemorySecretBox();
    const first = await boot({ secretBox: box, allowTestMaterialInLive: true });
    await first.handle.dispatch('saveSettings', { appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key });
    first.picker.next.push(p12File('merchant-1900000109-legacy.p12'));
    await first.handle.dispatch('importMerchantCertificate', { format: 'p12', password: SANDBOX.mchId });
    expect(await first.handle.dispatch('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ ok: true });
    await first.handle.close();
    handles.splice(0);

    const second = await boot({ secretBox: box, dataDir: first.dir });
    const charged = await second.handle.api.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }], cashier: 'amy' });
    expect(charged.ok).toBe(false);
    expect(second.built.some((c) => c.mchId === SANDBOX.mchId && c.baseUrl === 'https://127.0.0.1:8')).toBe(false);
  });
});

describe('leaving SANDBOX stops the in-process simulator', () => {
  it('after the switch to LIVE, its listener (and /sim control API) is gone; back to SANDBOX starts a new one with a new token', async () => {
    const { handle, picker } = await boot({
      allowTestMaterialInLive: true,
      startSandbox: undefined,
      sandbox: { https: false, certsDir: CERTS },
    });
    const sim = handle.sandboxSimulator!;
    expect(sim).not.toBeNull();
    const ping = async (url: string, token: string): Promise<number> => {
      const r = await request(`${url}/sim`, { headers: { [SIM_TOKEN_HEADER]: token } });
      await r.body.text();
      return r.statusCode;
    };
    expect(await ping(sim.url, sim.controlToken)).toBe(200);
    await handle.dispatch('saveSettings', { appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key });
    picker.next.push(p12File('merchant-1900000109-legacy.p12'));
    await handle.dispatch('importMerchantCertificate', { format: 'p12', password: SANDBOX.mchId });
    expect(await handle.dispatch('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ ok: true });
    expect(handle.sandboxSimulator).toBeNull();
    await expect(ping(sim.url, sim.controlToken)).rejects.toThrow();
    expect(await handle.dispatch('setMode', { mode: 'SANDBOX', confirmed: false })).toMatchObject({ ok: true });
    const next = handle.sandboxSimulator!;
    expect(next).not.toBeNull();
    expect(next.controlToken).not.toBe(sim.controlToken);
  });
});
