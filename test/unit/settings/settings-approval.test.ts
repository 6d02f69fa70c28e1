// Finding 1: merchant credentials, till id, refund caps, certificate and mode need a manager's PIN,
// checked before anything is stored; storeName and locale stay free.
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../../src/common/api';
import { SECRET } from '../../../src/core/settings/keys';
import { MAX_TRIES, PIN_HASH_KEY } from '../../../src/core/settings/manager-pin';
import { MGR, SANDBOX, p12File, settingsRig, type Rig } from './helpers';

let rig: Rig;
afterEach(() => rig?.cleanup());

const WRONG = { approver: MGR.approver, managerPin: '1111' };

/** One change per protected field, each different from the defaults. */
const PROTECTED: [string, SettingsInput][] = [
  ['tillId', { tillId: 'T99' }],
  ['appid', { appid: 'wx0123456789abcdef' }],
  ['mchId', { mchId: '1900000110' }],
  ['signType', { signType: 'MD5' }],
  ['apiKey', { apiKey: 'B'.repeat(32) }],
  ['refundCapFen', { refundCapFen: 1 }],
  ['dailyRefundCapFen', { dailyRefundCapFen: 2 }],
];

/** Everything a refused call must have left as it was. */
function snapshot(r: Rig): string {
  return JSON.stringify({
    view: r.settings.view(),
    key: r.store.kv.getSecret(SECRET.apiKey) !== null,
    cert: r.store.kv.getSecret(SECRET.certificate) !== null,
    saves: r.store.audit.recent(200).filter((a) => a.action.startsWith('settings.') && !a.detail.startsWith('refused')).length,
  });
}

describe('protected settings need the manager PIN', () => {
  it.each(PROTECTED)('%s: refused without approval and with a wrong PIN, nothing stored; stored with the PIN', (_name, change) => {
    rig = settingsRig({ withPin: true });
    const before = snapshot(rig);
    expect(rig.settings.save({ ...change, storeName: 'Sneaky' })).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.settings.save({ ...change, approver: MGR.approver })).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.settings.save({ ...change, ...WRONG })).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    // A refused save stores nothing, not even the free field sent along with it.
    expect(snapshot(rig)).toEqual(before);
    expect(rig.settings.save({ ...change, ...MGR })).toMatchObject({ ok: true });
    expect(snapshot(rig)).not.toEqual(before);
    const entry = rig.store.audit.recent(5).find((a) => a.action === 'settings.save');
    expect(entry).toMatchObject({ actor: MGR.approver, detail: _name });
  });

  it.each(PROTECTED)('%s: PIN_NOT_SET while no manager PIN exists', (_name, change) => {
    rig = settingsRig();
    const before = snapshot(rig);
    expect(rig.settings.save({ ...change, ...MGR })).toMatchObject({ ok: false, code: 'PIN_NOT_SET' });
    expect(rig.settings.save(change)).toMatchObject({ ok: false, code: 'PIN_NOT_SET' });
    expect(snapshot(rig)).toEqual(before);
  });

  // issue 11 point 8: the store name (shown to customers in WeChat) is protected now; the language stays free.
  it('language saves without a PIN, with or without one set; the store name needs the approval', () => {
    for (const withPin of [false, true]) {
      rig?.cleanup();
      rig = settingsRig({ withPin });
      expect(rig.settings.save({ locale: 'en' })).toMatchObject({ ok: true, value: { locale: 'en' } });
      expect(rig.store.audit.recent(3).find((a) => a.action === 'settings.save')).toMatchObject({ actor: 'settings', detail: 'locale' });
      expect(rig.settings.save({ storeName: 'Tea House' })).toMatchObject({ ok: false, code: withPin ? 'PIN_WRONG' : 'PIN_NOT_SET' });
      expect(rig.settings.view().storeName).not.toBe('Tea House');
      if (withPin) {
        expect(rig.settings.save({ storeName: 'Tea House', locale: 'zh-CN', ...MGR })).toMatchObject({ ok: true, value: { storeName: 'Tea House', locale: 'zh-CN' } });
        expect(rig.store.audit.recent(3).find((a) => a.action === 'settings.save')).toMatchObject({ actor: MGR.approver, detail: 'storeName,locale' });
      }
    }
  });

  it('re-sending unchanged values needs no PIN (a form may send everything)', () => {
    rig = settingsRig({ withPin: true });
    expect(rig.settings.save({ appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key, ...MGR }).ok).toBe(true);
    const v = rig.settings.view();
    expect(
      rig.settings.save({ appid: v.appid, mchId: v.mchId, apiKey: SANDBOX.key, tillId: v.tillId, refundCapFen: v.refundCapFen, storeName: v.storeName, locale: 'en' }),
    ).toMatchObject({
      ok: true,
      value: { storeName: v.storeName, locale: 'en' },
    });
  });

  it('the PIN lockout applies and PIN_LOCKED passes through; a missing approval is not a try', () => {
    rig = settingsRig({ withPin: true });
    for (let i = 0; i < 3 * MAX_TRIES; i++) expect(rig.settings.save({ refundCapFen: 5 })).toMatchObject({ code: 'PIN_WRONG' });
    expect(rig.settings.save({ refundCapFen: 5, ...MGR }).ok).toBe(true); // no approval given was never a guess
    for (let i = 1; i < MAX_TRIES; i++) expect(rig.settings.save({ refundCapFen: 6, ...WRONG })).toMatchObject({ code: 'PIN_WRONG' });
    expect(rig.settings.save({ refundCapFen: 6, ...WRONG })).toMatchObject({ code: 'PIN_LOCKED' });
    expect(rig.settings.save({ refundCapFen: 6, ...MGR })).toMatchObject({ code: 'PIN_LOCKED' });
    expect(rig.settings.view().refundCapFen).toBe(5);
    // Only the words of the log are searched: hashes and timestamps may hold any 4 digits by chance.
    const rows = rig.store.audit.recent(100);
    expect(rows.map((r) => r.action)).toContain('manager_pin.save');
    const words = rows.map((r) => `${r.actor} ${r.action} ${r.subject} ${r.detail}`).join('\n');
    expect(words).not.toContain(MGR.managerPin);
    expect(words).not.toContain(WRONG.managerPin);
  });
});

describe('certificate import needs the manager PIN', () => {
  it('refused without or with a wrong PIN before the file dialog opens; imported with it', async () => {
    rig = settingsRig({ withPin: true });
    rig.settings.save({ mchId: SANDBOX.mchId, ...MGR });
    rig.picker.next.push(p12File('merchant-1900000109.p12'));
    const missing = await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, approver: MGR.approver, managerPin: '' });
    expect(missing).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...WRONG })).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.picker.next).toHaveLength(1); // the dialog never opened
    expect(rig.settings.view().certificate).toBeNull();
    expect(rig.store.kv.getSecret(SECRET.certificate)).toBeNull();
    expect(await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR })).toMatchObject({ ok: true });
    expect(rig.settings.view().certificate).not.toBeNull();
    expect(rig.store.audit.recent(5).find((a) => a.action === 'settings.certificate')).toMatchObject({ actor: MGR.approver });
  });

  it('PIN_NOT_SET while no manager PIN exists', async () => {
    rig = settingsRig({ withPin: true });
    rig.settings.save({ mchId: SANDBOX.mchId, ...MGR });
    rig.store.kv.delete(PIN_HASH_KEY); // a till set up before PINs were required
    rig.picker.next.push(p12File('merchant-1900000109.p12'));
    expect(await rig.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR })).toMatchObject({ ok: false, code: 'PIN_NOT_SET' });
    expect(rig.settings.view().certificate).toBeNull();
  });
});

describe('mode switches need the manager PIN', () => {
  async function complete(r: Rig): Promise<void> {
    expect(r.settings.save({ appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key, ...MGR }).ok).toBe(true);
    r.picker.next.push(p12File('merchant-1900000109.p12'));
    expect((await r.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR })).ok).toBe(true);
  }

  it('LIVE and back: refused without or with a wrong PIN, nothing switched; switched with it', async () => {
    rig = settingsRig({ withPin: true });
    await complete(rig);
    let changes = 0;
    rig.settings.onGatewayChange(() => changes++);
    expect(rig.settings.setMode('LIVE', true, null)).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.settings.setMode('LIVE', true, WRONG)).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.settings.mode()).toBe('SANDBOX');
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: true, value: { mode: 'LIVE' } });
    expect(rig.store.audit.recent(5).find((a) => a.action === 'settings.mode')).toMatchObject({ actor: MGR.approver, detail: 'LIVE' });
    // The way back (the first step of the cashier's scenario) needs it too.
    expect(rig.settings.setMode('SANDBOX', true, null)).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.settings.setMode('SANDBOX', true, WRONG)).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.settings.mode()).toBe('LIVE');
    expect(changes).toBe(1);
    expect(rig.settings.setMode('SANDBOX', true, MGR)).toMatchObject({ ok: true, value: { mode: 'SANDBOX' } });
  });

  it('LIVE is refused while no manager PIN is set, even with complete credentials', async () => {
    rig = settingsRig({ withPin: true });
    await complete(rig);
    rig.store.kv.delete(PIN_HASH_KEY); // a till set up before PINs were required
    expect(rig.settings.setMode('LIVE', true, MGR)).toMatchObject({ ok: false, code: 'PIN_NOT_SET' });
    expect(rig.settings.setMode('LIVE', true, null)).toMatchObject({ ok: false, code: 'PIN_NOT_SET' });
    expect(rig.settings.mode()).toBe('SANDBOX');
    // Setting the first PIN needs no approval (bootstrap) but is audited as such.
    expect(rig.pin.setPin(null, '8642', 'Owner Zhang').ok).toBe(true);
    expect(rig.store.audit.recent(3).find((a) => a.action === 'manager_pin.set')).toMatchObject({
      actor: 'Owner Zhang',
      detail: 'first PIN stored (no approval needed)',
    });
    expect(rig.settings.setMode('LIVE', true, { approver: 'Owner Zhang', managerPin: '8642' })).toMatchObject({ ok: true, value: { mode: 'LIVE' } });
  });

  it('an unconfirmed LIVE switch is refused before the PIN is looked at (no try spent)', () => {
    rig = settingsRig({ withPin: true });
    for (let i = 0; i < 2 * MAX_TRIES; i++) expect(rig.settings.setMode('LIVE', false, WRONG)).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(rig.settings.save({ tillId: 'T02', ...MGR }).ok).toBe(true);
  });
});
