// testConnection end to end: startCore's preflight against a running simulator over HTTPS + mTLS,
// with the sandbox merchant's real test credentials and deliberately wrong ones.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightLine } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import { startCore, type CoreHandle } from '../../../src/host';
import { startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { memoryLogger } from '../../../src/core/logger';
import { TEST_SCRYPT } from '../../../src/core/settings/manager-pin';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { startSimulator, type Simulator } from '../../../src/sim';
import { CERTS, OTHER_MCH, SANDBOX, p12File, pemFile, queuedPicker } from './helpers';
import type { CertFile } from '../../../src/core/settings/certificate';

let gateway: Simulator;
const ca = readFileSync(join(CERTS, 'ca.pem'));
beforeAll(async () => {
  gateway = await startSimulator({ https: true, certsDir: CERTS, seed: 7 });
});
afterAll(async () => {
  await gateway.close();
});

const handles: CoreHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Setup {
  readonly key?: string;
  readonly appid?: string;
  readonly cert?: CertFile;
  readonly skewMs?: number;
  readonly baseUrl?: string;
}

async function preflight(s: Setup = {}): Promise<{ lines: PreflightLine[]; logs: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
  dirs.push(dir);
  const picker = queuedPicker();
  const logger = memoryLogger();
  const core = await startSignedIn({
    dataDir: dir,
    secretBox: new MemorySecretBox(),
    events: () => {},
    files: picker,
    clock: new VirtualClock(Date.now() + (s.skewMs ?? 0)),
    appVersion: 'test',
    openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
    logger,
    pin: { scrypt: TEST_SCRYPT },
    sandbox: { https: false },
    liveGateway: { baseUrl: s.baseUrl ?? gateway.httpsUrl!, backupUrl: null, ca },
  });
  handles.push(core);
  expect(await core.dispatch('getStaffSession', undefined)).toMatchObject({ ok: true, value: { signedIn: { role: 'owner' } } }); // issue 11
  const saved = await core.dispatch('saveSettings', { appid: s.appid ?? SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: s.key ?? SANDBOX.key });
  expect(saved.ok).toBe(true);
  picker.next.push(s.cert ?? p12File('merchant-1900000109-legacy.p12'));
  const cert = s.cert?.format === 'pem' ? { format: 'pem' } : { format: 'p12', password: SANDBOX.mchId };
  expect(await core.dispatch('importMerchantCertificate', cert)).toMatchObject({ ok: true });
  const r = await core.dispatch('testConnection', undefined);
  if (!r.ok) throw new Error(r.message);
  return { lines: r.value as PreflightLine[], logs: logger.lines };
}

const codes = (lines: PreflightLine[]) => lines.map((l) => `${l.check}:${l.code}`);

describe('preflight against the simulator', () => {
  it('right key and certificate: every line ok', async () => {
    const { lines } = await preflight();
    expect(codes(lines)).toEqual(['settings:SETTINGS_OK', 'gateway:GATEWAY_OK', 'clock:CLOCK_OK', 'key:KEY_OK', 'certificate:CERT_OK']);
    expect(lines.every((l) => l.ok)).toBe(true);
  });

  it('wrong key: KEY_WRONG (签名错误), certificate not checked', async () => {
    const wrong = 'f'.repeat(32);
    const { lines, logs } = await preflight({ key: wrong });
    expect(codes(lines).slice(3)).toEqual(['key:KEY_WRONG', 'certificate:NOT_CHECKED']);
    expect(JSON.stringify(lines)).not.toContain(wrong);
    expect(logs.join('\n')).not.toContain(wrong);
  });

  it('a certificate the gateway does not trust: CERT_REJECTED', async () => {
    const { lines } = await preflight({ cert: pemFile('merchant-by-other-ca.pem', 'merchant-by-other-ca.key') });
    expect(codes(lines).slice(3)).toEqual(['key:KEY_OK', 'certificate:CERT_REJECTED']);
  });

  it('clock five minutes ahead: CLOCK_SKEW, the rest still checked', async () => {
    const { lines } = await preflight({ skewMs: 5 * 60_000 });
    expect(lines[2]).toMatchObject({ check: 'clock', ok: false, code: 'CLOCK_SKEW' });
    // 300 s minus however long the setup took in real time (the virtual clock stands still).
    const secs = Number(/(\d+) s ahead/.exec(lines[2]!.detail)?.[1]);
    expect(secs).toBeGreaterThan(240);
    expect(secs).toBeLessThanOrEqual(301);
    expect(codes(lines).slice(3)).toEqual(['key:KEY_OK', 'certificate:CERT_OK']);
  });

  it('gateway unreachable: GATEWAY_UNREACHABLE and nothing else checked', async () => {
    const closed = await startSimulator({});
    const url = closed.url;
    await closed.close();
    const { lines } = await preflight({ baseUrl: url });
    expect(codes(lines)).toEqual([
      'settings:SETTINGS_OK',
      'gateway:GATEWAY_UNREACHABLE',
      'clock:NOT_CHECKED',
      'key:NOT_CHECKED',
      'certificate:NOT_CHECKED',
    ]);
  });

  it('appid of another merchant: the key line says the ids do not match', async () => {
    const { lines } = await preflight({ appid: 'wx2421b1c4370ec43c' });
    expect(lines[3]).toMatchObject({ check: 'key', ok: false });
    expect(lines[3]!.code).toBe('MERCHANT_MISMATCH');
  });

  it('a certificate for another mch_id is refused at import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
    dirs.push(dir);
    const picker = queuedPicker();
    const core = await startSignedIn({
      dataDir: dir,
      secretBox: new MemorySecretBox(),
      events: () => {},
      files: picker,
      appVersion: 'test',
      openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
      logger: memoryLogger(),
      sandbox: { https: false },
    });
    handles.push(core);
    await core.dispatch('saveSettings', { mchId: SANDBOX.mchId });
    picker.next.push(p12File(`merchant-${OTHER_MCH}-legacy.p12`));
    const r = await core.dispatch('importMerchantCertificate', { format: 'p12', password: OTHER_MCH });
    expect(r).toMatchObject({ ok: false, code: 'CERT_ERROR' });
    expect(r.ok ? '' : r.message).toContain('another merchant');
  });
});
