// Settings the till keeps (shell, merchant credentials, refund caps, mode) and the rules around them:
// the API key is write-only, secrets only go through the SecretBox and never onto a weak one, the
// certificate must belong to the configured mch_id, and LIVE needs complete credentials and an
// explicit confirmation. Whatever decides where the money goes or how much can be refunded (merchant
// credentials, certificate, till id, refund caps, mode) needs a manager's PIN, checked before acting,
// so a cashier alone cannot point the till at another merchant account.
import type { CertificateImport, Locale, ManagerApproval, Mode, SettingsInput, SettingsView, SignType } from '../../common/api';
import type { Clock } from '../../common/clock';
import { err, ok, type Result } from '../../common/result';
import type { Logger } from '../logger';
import { checkForMerchant, decodeMaterial, encodeMaterial, loadCertFile, type CertFile, type CertInfo } from './certificate';
import { DEFAULTS, KEY, SECRET } from './keys';
import { cleanActor, type ManagerPin } from './manager-pin';
import type { SecretBox } from './secret-box';
import type { SettingsStorage } from './storage';
import { PROTECTED_PLAIN_SETTINGS } from '../../common/settings-rules';
import { testMaterialIn, testMaterialMessage, type MaterialToCheck } from './test-material';

export interface CertificatePicker {
  /** Main shows a file dialog; null when the user cancels. */
  pickCertificate(format: 'p12' | 'pem'): Promise<CertFile | null>;
}

/** Everything needed to talk to the real gateway. Held in memory only. */
export interface LiveCredentials {
  readonly appid: string;
  readonly mchId: string;
  readonly signType: SignType;
  readonly key: string;
  readonly cert: { readonly certPem: string; readonly keyPem: string; readonly info: CertInfo } | null;
}

export type MissingCredential = 'appid' | 'mchId' | 'apiKey' | 'certificate';

export interface SettingsService {
  view(): SettingsView;
  mode(): Mode;
  storeName(): string;
  tillId(): string;
  locale(): Locale;
  limits(): { refundCapFen: number; dailyRefundCapFen: number };
  /** Protected fields (PROTECTED_PLAIN_SETTINGS, a new API key) need approver + managerPin; the rest are free. */
  save(input: SettingsInput & Partial<ManagerApproval>): Result<SettingsView>;
  importMerchantCertificate(input: CertificateImport & ManagerApproval): Promise<Result<SettingsView>>;
  setMode(mode: Mode, confirmed: boolean, approval: Partial<ManagerApproval> | null): Result<SettingsView>;
  /** What is missing before LIVE is possible (empty when complete). */
  missing(): MissingCredential[];
  /** Decrypts the stored merchant secrets (cached in memory). */
  liveCredentials(): Result<LiveCredentials>;
  /** Issue 11 point 7: TEST_MATERIAL_IN_LIVE when these credentials are test material (unless tests allow it). */
  refuseTestMaterial(c: LiveCredentials): Result<null>;
  /** Secret values currently in memory, for the logger's redaction. Never decrypts. */
  knownSecrets(): string[];
  /** Told after every change that may alter the gateway client (mode, credentials). */
  onGatewayChange(listener: () => void): () => void;
}

export interface SettingsServiceDeps {
  readonly storage: SettingsStorage;
  readonly box: SecretBox;
  readonly clock: Clock;
  readonly files: CertificatePicker;
  /** issue 11: only hasPin and verify are asked (startCore passes the staff grants' adapter). */
  readonly pin: Pick<ManagerPin, 'hasPin' | 'verify'>;
  /** Non-final payment attempts and refunds: a mode switch waits until they are settled. */
  readonly openWork: () => number;
  readonly logger: Logger;
  /** Issue 11 point 4: mode changes wait while the audit chain is broken and not acknowledged. */
  readonly chainGuard?: () => Result<null>;
  /** Issue 11 point 7: tests that run LIVE against the simulator only; the till never sets it. */
  readonly allowTestMaterialInLive?: boolean;
}

const WEAK_BOX =
  'This computer has no protected secret storage (Linux "basic_text"): merchant secrets cannot be stored. ' +
  'Install and unlock a keyring (GNOME Keyring or KWallet), then restart the till.';

/** How long a typed API key is kept for log redaction after it was entered (issue 11 point 8). */
export const TYPED_KEY_TTL_MS = 10 * 60_000;

const MERCHANT_LOCKED = 'Switch to SANDBOX mode before changing the merchant (AppID, mch_id, sign type).';


function parseIntSetting(text: string | null, fallback: number): number {
  if (text === null) return fallback;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

function parseCertInfo(text: string | null): CertInfo | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as CertInfo;
  } catch {
    return null;
  }
}

export function createSettingsService(deps: SettingsServiceDeps): SettingsService {
  const { storage, box, clock, logger } = deps;
  const listeners = new Set<() => void>();
  let cache: LiveCredentials | null = null; // decrypted secrets; dropped on every change
  // Keys typed recently, so the log redacts them at once, stored or not; dropped after TYPED_KEY_TTL_MS
  // and when another key is typed, so old keys do not stay in memory for the whole session (issue 11 point 8).
  const typedKeys = new Map<string, number>();
  const noteTyped = (key: string): void => {
    typedKeys.clear();
    typedKeys.set(key, clock.now());
  };
  const recentTyped = (): string[] => {
    for (const [k, at] of typedKeys) if (clock.now() - at > TYPED_KEY_TTL_MS) typedKeys.delete(k);
    return [...typedKeys.keys()];
  };

  const get = (k: string): string | null => storage.get(k);
  const str = (k: string, d: string): string => get(k) ?? d;

  const mode = (): Mode => (get(KEY.mode) === 'LIVE' ? 'LIVE' : 'SANDBOX');
  const appid = (): string => str(KEY.appid, '');
  const mchId = (): string => str(KEY.mchId, '');
  const signType = (): SignType => (get(KEY.signType) === 'MD5' ? 'MD5' : get(KEY.signType) === 'HMAC-SHA256' ? 'HMAC-SHA256' : DEFAULTS.signType);
  const certInfo = (): CertInfo | null => (storage.getSecret(SECRET.certificate) ? parseCertInfo(get(KEY.certInfo)) : null);
  const hasKey = (): boolean => storage.getSecret(SECRET.apiKey) !== null;

  /** Audit suffix for a credential rotated while LIVE: says how much work was open at the time. */
  const rotationNote = (rotated: boolean): string => {
    if (!rotated || mode() !== 'LIVE') return '';
    return ` (rotated in LIVE, ${deps.openWork()} open payment(s)/refund(s))`;
  };

  const changed = (): void => {
    cache = null;
    for (const l of listeners) {
      try {
        l();
      } catch (e) {
        logger.error('settings listener failed', { error: e });
      }
    }
  };

  const view = (): SettingsView => {
    const info = certInfo();
    return {
      mode: mode(),
      storeName: str(KEY.storeName, DEFAULTS.storeName),
      tillId: str(KEY.tillId, DEFAULTS.tillId),
      locale: get(KEY.locale) === 'en' ? 'en' : DEFAULTS.locale,
      appid: appid(),
      mchId: mchId(),
      signType: signType(),
      hasApiKey: hasKey(),
      certificate: info ? { subject: info.subject, notAfter: info.notAfter } : null,
      hasManagerPin: deps.pin.hasPin(),
      refundCapFen: parseIntSetting(get(KEY.refundCapFen), DEFAULTS.refundCapFen),
      dailyRefundCapFen: parseIntSetting(get(KEY.dailyRefundCapFen), DEFAULTS.dailyRefundCapFen),
      secretStorageWeak: box.weak,
      scannerGapMs: parseIntSetting(get(KEY.scannerGapMs), DEFAULTS.scannerGapMs), // issue 12 quick pay
    };
  };

  const decryptKey = (): string | null => {
    const blob = storage.getSecret(SECRET.apiKey);
    return blob ? new TextDecoder().decode(box.decrypt(blob)) : null;
  };

  const liveCredentials = (): Result<LiveCredentials> => {
    if (cache) return ok(cache);
    try {
      const key = decryptKey();
      if (!key) return err('CONFIG_ERROR', 'No API key is stored.');
      const certBlob = storage.getSecret(SECRET.certificate);
      const info = parseCertInfo(get(KEY.certInfo));
      const cert = certBlob && info ? { ...decodeMaterial(box.decrypt(certBlob)), info } : null;
      cache = { appid: appid(), mchId: mchId(), signType: signType(), key, cert };
      return ok(cache);
    } catch (e) {
      // e.g. safeStorage's keys changed (new OS user profile): the blobs cannot be opened any more.
      logger.error('stored merchant secrets could not be decrypted', { error: e });
      return err('CONFIG_ERROR', 'The stored API key or certificate cannot be read on this computer: enter them again.');
    }
  };

  const missing = (): MissingCredential[] => {
    const out: MissingCredential[] = [];
    if (!appid()) out.push('appid');
    if (!mchId()) out.push('mchId');
    if (!hasKey()) out.push('apiKey');
    if (!certInfo()) out.push('certificate');
    return out;
  };

  /** Encrypts for storage; a secret store that went away is a clear error, not an INTERNAL. */
  const seal = (plain: Uint8Array): Result<Uint8Array> => {
    try {
      return ok(box.encrypt(plain));
    } catch (e) {
      logger.error('secret storage could not encrypt', { error: e });
      return err('CONFIG_ERROR', 'The secret storage of this computer is not available: unlock the keyring and try again.');
    }
  };

  /** Issue 11 point 7: LIVE refuses the sandbox merchant and test-CA certificates. */
  const refuseTestMaterial = (m: MaterialToCheck): Result<null> => {
    if (deps.allowTestMaterialInLive) return ok(null);
    const found = testMaterialIn(m);
    return found.length ? err('TEST_MATERIAL_IN_LIVE', testMaterialMessage(found)) : ok(null);
  };

  const audit = (actor: string, action: string, detail: string): void =>
    storage.audit({ actor, action, subject: 'settings', detail });

  /**
   * Checks a manager's approval with the manager PIN (its lockout and audit). Returns the approver,
   * the actor of the audit entry. PIN_NOT_SET / PIN_WRONG / PIN_LOCKED pass through unchanged.
   */
  const approve = (approval: Partial<ManagerApproval> | null | undefined, what: string): Result<string> => {
    const approver = approval?.approver ?? '';
    const given = approver.trim() !== '' && (approval?.managerPin ?? '') !== '';
    if (!given) {
      if (!deps.pin.hasPin()) {
        const refused = deps.pin.verify(approver, '', `manager_pin.${what}`); // audited PIN_NOT_SET
        if (!refused.ok) return refused;
      }
      // No guess was made, so no try is counted; the refusal is still audited.
      audit(cleanActor(approver), `settings.${what}`, 'refused: no manager approval given');
      return err('PIN_WRONG', 'A manager must approve this change: enter the approver and the manager PIN.');
    }
    const checked = deps.pin.verify(approver, approval?.managerPin ?? '', `manager_pin.${what}`);
    return checked.ok ? ok(cleanActor(approver)) : checked;
  };

  /** The key given, unless it is the one already stored (a form may send it again unchanged). */
  const newKey = (key: string | undefined): string | undefined => {
    if (key === undefined) return undefined;
    try {
      return decryptKey() === key ? undefined : key;
    } catch {
      return key;
    }
  };

  return {
    view,
    mode,
    storeName: () => str(KEY.storeName, DEFAULTS.storeName),
    tillId: () => str(KEY.tillId, DEFAULTS.tillId),
    locale: () => (get(KEY.locale) === 'en' ? 'en' : DEFAULTS.locale),
    limits: () => ({
      refundCapFen: parseIntSetting(get(KEY.refundCapFen), DEFAULTS.refundCapFen),
      dailyRefundCapFen: parseIntSetting(get(KEY.dailyRefundCapFen), DEFAULTS.dailyRefundCapFen),
    }),
    missing,
    liveCredentials,
    refuseTestMaterial: (c) => refuseTestMaterial({ appid: c.appid, mchId: c.mchId, key: c.key, certPem: c.cert?.certPem ?? null }),
    knownSecrets: () => [...recentTyped(), ...(cache ? [cache.key, ...(cache.cert ? [cache.cert.keyPem] : [])] : [])],
    onGatewayChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    save(input) {
      // Any key typed this session is redacted from the log, stored or not (refused, unchanged).
      if (input.apiKey !== undefined) noteTyped(input.apiKey);
      const apiKey = newKey(input.apiKey);
      const current: Record<(typeof PROTECTED_PLAIN_SETTINGS)[number], string> = {
        tillId: str(KEY.tillId, DEFAULTS.tillId),
        storeName: str(KEY.storeName, DEFAULTS.storeName), // issue 11 point 8: shown to customers in WeChat
        appid: appid(),
        mchId: mchId(),
        signType: signType(),
        refundCapFen: String(parseIntSetting(get(KEY.refundCapFen), DEFAULTS.refundCapFen)),
        dailyRefundCapFen: String(parseIntSetting(get(KEY.dailyRefundCapFen), DEFAULTS.dailyRefundCapFen)),
      };
      const protectedChanges: string[] = PROTECTED_PLAIN_SETTINGS.filter((f) => input[f] !== undefined && String(input[f]) !== current[f]);
      if (apiKey !== undefined) protectedChanges.push('apiKey');
      // Another merchant while LIVE would orphan its open work; a new API key for the same merchant is a
      // rotation and always allowed (with a PIN, audited), even with work open: the key changed on the
      // merchant platform makes every call fail until it is entered here (issue 10 point 3).
      const merchantChange = protectedChanges.some((c) => ['appid', 'mchId', 'signType'].includes(c));
      if (apiKey !== undefined && box.weak) return err('CONFIG_ERROR', WEAK_BOX);
      if (merchantChange && mode() === 'LIVE') return err('CONFIG_ERROR', MERCHANT_LOCKED);
      if (apiKey !== undefined && mode() === 'LIVE') {
        const test = refuseTestMaterial({ key: apiKey });
        if (!test.ok) return test;
      }
      let actor = 'settings';
      if (protectedChanges.length) {
        const approved = approve(input, 'save');
        if (!approved.ok) return approved;
        actor = approved.value;
      }
      let keyBlob: Uint8Array | null = null;
      if (apiKey !== undefined) {
        const sealed = seal(new TextEncoder().encode(apiKey));
        if (!sealed.ok) return sealed;
        keyBlob = sealed.value;
      }
      const changes: string[] = [];
      storage.transaction(() => {
        const put = (k: string, v: string | number | undefined, label: string): void => {
          if (v === undefined || get(k) === String(v)) return;
          storage.set(k, String(v));
          changes.push(label);
        };
        put(KEY.storeName, input.storeName, 'storeName');
        put(KEY.tillId, input.tillId, 'tillId');
        put(KEY.locale, input.locale, 'locale');
        put(KEY.appid, input.appid, 'appid');
        put(KEY.mchId, input.mchId, 'mchId');
        put(KEY.signType, input.signType, 'signType');
        put(KEY.refundCapFen, input.refundCapFen, 'refundCapFen');
        put(KEY.dailyRefundCapFen, input.dailyRefundCapFen, 'dailyRefundCapFen');
        put(KEY.scannerGapMs, input.scannerGapMs, 'scannerGapMs'); // issue 12 quick pay
        if (apiKey !== undefined && keyBlob) {
          noteTyped(apiKey);
          storage.putSecret(SECRET.apiKey, keyBlob);
          changes.push('apiKey');
        }
        // Values are not audited: the names say what changed, the key must not be there.
        if (changes.length) audit(actor, 'settings.save', changes.join(',') + rotationNote(changes.includes('apiKey')));
      });
      if (changes.some((c) => ['appid', 'mchId', 'signType', 'apiKey'].includes(c))) changed();
      return ok(view());
    },

    async importMerchantCertificate(input) {
      if (box.weak) return err('CONFIG_ERROR', WEAK_BOX);
      // A new certificate for the same mch_id (checked below) is a rotation: allowed in LIVE too.
      const merchant = mchId();
      if (!merchant) return err('CERT_ERROR', 'Enter and save the mch_id before importing the certificate.');
      // Approved before the file dialog opens: nothing is read or stored without it.
      const approved = approve(input, 'certificate');
      if (!approved.ok) return approved;
      const actor = approved.value;
      const file = await deps.files.pickCertificate(input.format);
      if (!file) return err('NOT_FOUND', 'No certificate file was chosen.');
      if (file.format !== input.format) return err('CERT_ERROR', `Expected a ${input.format} file.`);
      const loaded = loadCertFile(file, input.format === 'p12' ? input.password : null, merchant, clock.now());
      if (!loaded.ok) return loaded;
      const usable = checkForMerchant(loaded.value.info, merchant, clock.now());
      if (!usable.ok) return usable;
      if (mode() === 'LIVE') {
        const test = refuseTestMaterial({ certPem: loaded.value.certPem });
        if (!test.ok) return test;
      }
      const material = loaded.value;
      const sealed = seal(encodeMaterial(material));
      if (!sealed.ok) return sealed;
      storage.transaction(() => {
        storage.putSecret(SECRET.certificate, sealed.value);
        storage.set(KEY.certInfo, JSON.stringify(material.info));
        audit(actor, 'settings.certificate', `imported ${material.info.subject} sha256=${material.info.fingerprint256}${rotationNote(true)}`);
      });
      changed();
      return ok(view());
    },

    setMode(next, confirmed, approval) {
      if (next === mode()) return ok(view());
      const chain = deps.chainGuard?.();
      if (chain && !chain.ok) return chain;
      if (next === 'LIVE' && !confirmed) {
        return err('CONFIRMATION_REQUIRED', 'LIVE mode takes real money from real customers: confirm to switch.');
      }
      // LIVE refuses without a manager PIN (approve answers PIN_NOT_SET); so does going back.
      const approved = approve(approval, 'mode');
      if (!approved.ok) return approved;
      const actor = approved.value;
      if (next === 'LIVE') {
        if (box.weak) return err('CONFIG_ERROR', WEAK_BOX);
        const gaps = missing();
        if (gaps.length) return err('CONFIG_ERROR', `Settings are incomplete: ${gaps.join(', ')} missing.`);
        const info = certInfo();
        if (info) {
          const usable = checkForMerchant(info, mchId(), clock.now());
          if (!usable.ok) return usable;
        }
        const creds = liveCredentials();
        if (!creds.ok) return creds;
        const c = creds.value;
        const test = refuseTestMaterial({ appid: c.appid, mchId: c.mchId, key: c.key, certPem: c.cert?.certPem ?? null });
        if (!test.ok) return test;
      }
      const open = deps.openWork();
      if (open > 0) {
        return err('SALE_IN_PROGRESS', `${open} payment(s) or refund(s) are still open: switch when they are settled.`);
      }
      storage.transaction(() => {
        storage.set(KEY.mode, next);
        audit(actor, 'settings.mode', next);
      });
      logger.warn(`till mode switched to ${next}`);
      changed();
      return ok(view());
    },
  };
}
