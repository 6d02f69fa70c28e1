import { afterEach, describe, expect, it } from 'vitest';
import { SECRET } from '../../../src/core/settings/keys';
import { MGR, OTHER_MCH, SANDBOX, p12File, pemFile, settingsRig, type Rig } from './helpers';

let rig: Rig;
afterEach(() => rig?.cleanup());

const merchant = { appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key, ...MGR };

describe('settings', () => {
  it('starts in SANDBOX with defaults and no credentials', () => {
    rig = settingsRig();
    const v = rig.settings.view();
    expect(v).toMatchObject({ mode: 'SANDBOX', hasApiKey: false, certificate: null, hasManagerPin: false, secretStorageWeak: false });
    expect(rig.settings.missing()).toEqual(['appid', 'mchId', 'apiKey', 'certificate']);
  });

  it('stores the API key only as a SecretBox blob and never returns it', () => {
    rig = settingsRig({ withPin: true });
    const r = rig.settings.save({ ...merchant, storeName: 'Tea House' });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain(SANDBOX.key);
    expect(rig.settings.view()).toMatchObject({ hasApiKey: true, appid: SANDBOX.appid, storeName: 'Tea House' });
    const blob = rig.store.kv.getSecret(SECRET.apiKey)!;
    expect(Buffer.from(blob).toString('latin1')).not.toContain(SANDBOX.key);
    // Not anywhere in the database file's tables either.
    const dump = JSON.stringify(rig.store.db.prepare('SELECT * FROM settings').all()) + JSON.stringify(rig.store.audit.recent(50));
    expect(dump).not.toContain(SANDBOX.key);
    expect(rig.settings.liveCredentials()).toMatchObject({ ok: true, value: { key: SANDBOX.key } });
  });

  it('refuses to store secrets on a weak box and says so', async () => {
    rig = settingsRig({ weak: true, withPin: true });
    expect(rig.settings.view().secretStorageWeak).toBe(true);
    const r = rig.settings.save(merchant);
    expect(r).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    expect(r.ok ? '' : r.message).toMatch(/basic_text/);
    expect(rig.store.kv.getSecret(SECRET.apiKey)).toBeNull();
    // Non-secret settings still save.
    expect(rig.settings.save({ storeName: 'Shop', appid: SANDBOX.appid, mchId: SANDBOX.mchId, ...MGR }).ok).toBe(true);
    rig.picker.next.push(p12File('merchant-1900000109.p12'));
    expect(await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR })).toMatchObject({ code: 'CONFIG_ERROR' });
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
  });

  it('imports the modern and the legacy (RC2-40) p12 and a PEM pair; subject and expiry are shown', async () => {
    rig = settingsRig({ withPin: true });
    rig.settings.save(merchant);
    for (const file of [p12File('merchant-1900000109.p12'), p12File('merchant-1900000109-legacy.p12')]) {
      rig.picker.next.push(file);
      const r = await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR });
      expect(r).toMatchObject({ ok: true });
      if (!r.ok) return;
      expect(r.value.certificate?.subject).toContain('CN=1900000109');
      expect(r.value.certificate!.notAfter).toBeGreaterThan(rig.clock.now());
    }
    rig.picker.next.push(pemFile('merchant-1900000109.pem', 'merchant-1900000109.key'));
    expect((await rig.settings.importMerchantCertificate({ format: 'pem', ...MGR })).ok).toBe(true);
    const creds = rig.settings.liveCredentials();
    expect(creds.ok && creds.value.cert?.keyPem).toMatch(/BEGIN PRIVATE KEY/);
    const blob = Buffer.from(rig.store.kv.getSecret(SECRET.certificate)!).toString('latin1');
    expect(blob).not.toContain('PRIVATE KEY');
  });

  it('gives distinct errors: wrong password, other merchant, expired, mismatched key, cancelled, wrong file', async () => {
    rig = settingsRig({ withPin: true });
    rig.settings.save(merchant);
    const tryImport = async (file: Parameters<typeof rig.picker.next.push>[0], format: 'p12' | 'pem', password = SANDBOX.mchId) => {
      rig.picker.next.push(file);
      return rig.settings.importMerchantCertificate(format === 'p12' ? { format, password, ...MGR } : { format, ...MGR });
    };
    const wrongPw = await tryImport(p12File('merchant-1900000109-legacy.p12'), 'p12', 'nope');
    expect(wrongPw).toMatchObject({ ok: false, code: 'CERT_ERROR' });
    expect(wrongPw.ok ? '' : wrongPw.message).toMatch(/wrong certificate password/i);
    const other = await tryImport(p12File(`merchant-${OTHER_MCH}.p12`), 'p12', OTHER_MCH);
    expect(other.ok ? '' : other.message).toMatch(/another merchant/);
    expect(other).toMatchObject({ code: 'CERT_ERROR' });
    const expired = await tryImport(pemFile('expired-merchant.pem', 'expired-merchant.key'), 'pem');
    expect(expired.ok ? '' : expired.message).toMatch(/expired/);
    const mismatch = await tryImport(pemFile('merchant-1900000109.pem', 'merchant-by-other-ca.key'), 'pem');
    expect(mismatch.ok ? '' : mismatch.message).toMatch(/does not belong/);
    const keyOnly = await tryImport(pemFile('merchant-1900000109.key'), 'pem');
    expect(keyOnly.ok ? '' : keyOnly.message).toMatch(/No certificate/);
    const garbage = await tryImport({ format: 'p12', fileName: 'x.p12', bytes: new Uint8Array([1, 2, 3]) }, 'p12');
    expect(garbage).toMatchObject({ ok: false, code: 'CERT_ERROR' });
    expect(await tryImport(null, 'p12')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(rig.settings.view().certificate).toBeNull();
  });

  it('needs the mch_id before a certificate', async () => {
    rig = settingsRig({ withPin: true });
    rig.picker.next.push(p12File('merchant-1900000109.p12'));
    const r = await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR });
    expect(r).toMatchObject({ ok: false, code: 'CERT_ERROR' });
  });

  it('LIVE needs confirmation, complete credentials, a matching certificate and no open work', async () => {
    rig = settingsRig({ withPin: true });
    expect(rig.settings.setMode('LIVE', false, MGR)).toMatchObject({ ok: false, code: 'CONFIRMATION_REQUIRED' });
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    rig.settings.save(merchant);
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    rig.picker.next.push(p12File('merchant-1900000109.p12'));
    await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR });
    rig.settings.save({ mchId: OTHER_MCH, ...MGR }); // the stored certificate now belongs to another merchant
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: false, code: 'CERT_ERROR' });
    rig.settings.save({ mchId: SANDBOX.mchId, ...MGR });
    rig.openWork.n = 2;
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: false, code: 'SALE_IN_PROGRESS' });
    rig.openWork.n = 0;
    let changes = 0;
    rig.settings.onGatewayChange(() => changes++);
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: true, value: { mode: 'LIVE' } });
    expect(changes).toBe(1);
    // In LIVE the merchant (appid, mch_id, sign type) is frozen; the unchanged values may be re-sent.
    expect(rig.settings.save({ appid: 'wx2421b1c4370ec43c', ...MGR })).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    expect(rig.settings.save({ ...merchant, storeName: 'Renamed' })).toMatchObject({ ok: true });
    // Issue 10 point 3: a rotated key or certificate of the same merchant is always accepted, even with
    // work open (PIN first, audited with the open count), and the gateway is rebuilt.
    rig.openWork.n = 3;
    expect(rig.settings.save({ apiKey: 'A'.repeat(32), approver: MGR.approver, managerPin: '0000' })).toMatchObject({ code: 'PIN_WRONG' });
    expect(rig.settings.save({ apiKey: 'A'.repeat(32), ...MGR })).toMatchObject({ ok: true });
    expect(changes).toBe(2);
    rig.picker.next.push(p12File('merchant-1900000109.p12'));
    expect(await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR })).toMatchObject({ ok: true });
    expect(changes).toBe(3);
    rig.picker.next.push(p12File('merchant-1900000110.p12'));
    expect(await rig.settings.importMerchantCertificate({ format: 'p12', password: OTHER_MCH, ...MGR })).toMatchObject({ ok: false, code: 'CERT_ERROR' });
    const rotations = rig.store.audit.recent(50).map((r) => `${r.action}:${r.detail}`);
    expect(rotations).toContain('settings.save:apiKey (rotated in LIVE, 3 open payment(s)/refund(s))');
    expect(rotations.some((a) => a.startsWith('settings.certificate:') && a.endsWith('(rotated in LIVE, 3 open payment(s)/refund(s))'))).toBe(true);
    rig.openWork.n = 0;
    expect(rig.settings.setMode('SANDBOX', false, MGR)).toMatchObject({ ok: true, value: { mode: 'SANDBOX' } });
    const actions = rig.store.audit.recent(50).map((r) => `${r.action}:${r.detail}`);
    expect(actions).toContain('settings.mode:LIVE');
    expect(actions).toContain('settings.mode:SANDBOX');
    expect(JSON.stringify(actions)).not.toContain(SANDBOX.key);
  });

  it('secrets written by another box cannot be read: a clear CONFIG_ERROR, never garbage', async () => {
    rig = settingsRig({ withPin: true });
    rig.settings.save(merchant);
    const { createSettingsService } = await import('../../../src/core/settings/settings-service');
    const { MemorySecretBox } = await import('../../../src/core/settings/secret-box');
    const other = createSettingsService({
      storage: rig.store.kv,
      box: new MemorySecretBox(),
      clock: rig.clock,
      files: rig.picker,
      pin: rig.pin,
      openWork: () => 0,
      logger: rig.logger,
    });
    expect(other.view().hasApiKey).toBe(true);
    const creds = other.liveCredentials();
    expect(creds).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    expect(creds.ok ? '' : creds.message).toMatch(/enter them again/);
    expect(rig.logger.lines.join('\n')).not.toContain(SANDBOX.key);
  });

  it('a secret store that fails to encrypt gives CONFIG_ERROR and stores nothing', async () => {
    rig = settingsRig({ withPin: true });
    rig.box.encrypt = () => {
      throw new Error('keyring locked');
    };
    expect(rig.settings.save({ ...merchant, storeName: 'X' })).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    expect(rig.settings.view()).toMatchObject({ hasApiKey: false, storeName: 'Demo Store' });
    rig.settings.save({ mchId: SANDBOX.mchId, ...MGR });
    rig.picker.next.push(p12File('merchant-1900000109.p12'));
    expect(await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR })).toMatchObject({ code: 'CONFIG_ERROR' });
    expect(rig.settings.view().certificate).toBeNull();
  });
});
