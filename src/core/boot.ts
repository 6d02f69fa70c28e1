// startCore: the composition root shared by Electron's main process and the browser e2e harness.
// Opens the store, reads settings, builds the gateway client (the simulator in sandbox mode, the real
// gateway in LIVE), runs the engine's start-up recovery, and hands back the PosApi handler table and
// its validating dispatcher. Nothing here knows about Electron: main adds the sender check and the
// safeStorage SecretBox; the harness passes a MemorySecretBox.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhoneAction, PosCalls, PosEventSink } from '../common/api';
import { realClock, type Clock } from '../common/clock';
import { err, ok, type Result } from '../common/result';
import { createPosApi, type HistoryQueries } from './api';
import { createEngine, type Engine, type EngineDeps } from './checkout';
import { createDispatcher, type Dispatch } from './dispatch';
import { createIdSource, type IdSource } from './ids';
import { consoleSink, createLogger, redactingLogger, type Logger } from './logger';
import type { CertFile } from './settings/certificate';
import { createGatewayHolder, type ClientFactory, type GatewayConfig, type GatewayTarget } from './settings/gateway';
import { createManagerPin, lockoutText, type PinLockout, type ScryptParams } from './settings/manager-pin';
import { runPreflight, type GatewayProbe } from './settings/preflight';
import { createHttpProbe } from './settings/probe';
import type { SandboxRuntime } from './settings/sandbox';
import { startSandbox, type SandboxStartOptions } from './settings/sandbox-sim';
import { findTestCertsDir, type Simulator } from '../sim';
import type { SecretBox } from './settings/secret-box';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import { InvalidQueryError, dayTotals, getReceiptDetail, insertAlert, listReceipts, openStore, openWorkCount, type Store } from './store';
import { createWxPayClient } from './wxpay/client';

export type { CertFile } from './settings/certificate';
export type { SecretBox } from './settings/secret-box';
export { MemorySecretBox } from './settings/secret-box';

export interface CoreOptions {
  /** Folder for pos.sqlite (main: app.getPath('userData')). */
  readonly dataDir: string;
  /** main: safeStorage-backed; tests and the harness: MemorySecretBox. */
  readonly secretBox: SecretBox;
  /** Where engine events go (main: webContents.send; harness: the page). */
  readonly events: PosEventSink;
  /** main: a native file dialog; null when the user cancels. */
  readonly files: { pickCertificate(format: 'p12' | 'pem'): Promise<CertFile | null> };
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly appVersion: string;
  readonly logger?: Logger;
  readonly sandbox?: {
    /** Default 'in-process'. { url } uses an already running simulator (its /sim control API). */
    readonly simulator?: 'in-process' | { readonly url: string };
    /** Test certificates for the in-process simulator's HTTPS + mTLS; default resources/test-certs. */
    readonly certsDir?: string;
    /** Default true when the test certificates exist; false runs the simulator over plain HTTP. */
    readonly https?: boolean;
    /** Seed for the in-process simulator. */
    readonly seed?: number;
  };
  /** better-sqlite3 built for Electron's ABI (main; docs/electron-native.md); tests use the Node build. */
  readonly nativeBinding?: string;
  // ---- extensions beyond INTERFACES.md, for tests and the e2e harness (all optional) ----
  /** Where LIVE mode and the preflight go; default WeChat's api.mch / api2.mch. */
  readonly liveGateway?: GatewayTarget;
  /** Engine tuning (poll policy, close floor, ...); production uses the engine's defaults. */
  readonly engine?: Partial<
    Pick<EngineDeps, 'pollPolicy' | 'closeFloorMs' | 'expireMs' | 'refundSpacingMs' | 'random' | 'oneOpenSalePerTill'>
  >;
  /** Manager PIN cost and lockout; production uses DEFAULT_SCRYPT and 5 minutes. */
  readonly pin?: { readonly scrypt?: ScryptParams; readonly lockoutMs?: number };
  readonly makeClient?: ClientFactory;
  readonly probe?: GatewayProbe;
  readonly startSandbox?: (opts: SandboxStartOptions) => Promise<SandboxRuntime>;
}

export interface CoreHandle {
  readonly api: PosCalls;
  /** Validates the payload, then calls api; what main's IPC wrapper and the harness binding call. */
  readonly dispatch: Dispatch;
  /** The in-process simulator while sandbox mode runs one (tests drive its phone and faults). */
  readonly sandboxSimulator: SimulatorOf | null;
  close(): Promise<void>;
  /** For tests and diagnostics; main and the renderer never need these. */
  readonly internals: {
    readonly store: Store;
    readonly engine: Engine;
    readonly settings: SettingsService;
    /** Resolves when start-up recovery has finished (engine.ready() is then true). */
    readonly started: Promise<void>;
  };
}

type SimulatorOf = Simulator;

/** resources/test-certs next to the app: src/core/boot.ts and out/main/index.js are both two levels down. */
export function defaultCertsDir(): string {
  try {
    return resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/test-certs');
  } catch {
    return resolve(process.cwd(), 'resources/test-certs');
  }
}

export async function startCore(opts: CoreOptions): Promise<CoreHandle> {
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    return await compose(opts, cleanups);
  } catch (e) {
    // Whatever was opened before the failure is closed again, newest first.
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    throw e;
  }
}

async function compose(opts: CoreOptions, cleanups: (() => Promise<void> | void)[]): Promise<CoreHandle> {
  const clock = opts.clock ?? realClock;
  let settingsRef: SettingsService | null = null;
  const logger = opts.logger
    ? redactingLogger(opts.logger, () => settingsRef?.knownSecrets() ?? [])
    : createLogger(consoleSink, () => settingsRef?.knownSecrets() ?? []);

  const store = openStore(join(opts.dataDir, 'pos.sqlite'), { clock, nativeBinding: opts.nativeBinding });
  cleanups.push(() => store.close());

  // Each PIN lockout is shown to the till as an alert (raisePinLockoutAlert is defined below, once ids exist).
  const pin = createManagerPin({
    storage: store.kv,
    clock,
    scrypt: opts.pin?.scrypt,
    lockoutMs: opts.pin?.lockoutMs,
    onLockout: (l) => raisePinLockoutAlert(l),
  });
  const settings = createSettingsService({
    storage: store.kv,
    box: opts.secretBox,
    clock,
    files: opts.files,
    pin,
    openWork: () => openWorkCount(store.db),
    logger,
  });
  settingsRef = settings;
  if (opts.secretBox.weak) logger.warn('secret storage is weak (basic_text): LIVE mode is disabled on this computer');

  const makeClient: ClientFactory = opts.makeClient ?? ((cfg) => createWxPayClient({ ...cfg, clock: cfg.clock ?? clock }));
  const liveTarget: GatewayTarget = opts.liveGateway ?? {};

  // ---- sandbox: started at boot in SANDBOX mode, or later when the till switches to it ----
  let sandbox: SandboxRuntime | null = null;
  let sandboxStarting: Promise<SandboxRuntime> | null = null;
  const startSandboxFn = opts.startSandbox ?? startSandbox;
  const ensureSandbox = (): Promise<SandboxRuntime> => {
    if (sandbox) return Promise.resolve(sandbox);
    sandboxStarting ??= startSandboxFn({
      clock,
      simulator: opts.sandbox?.simulator ?? 'in-process',
      certsDir: opts.sandbox?.certsDir ?? findTestCertsDir() ?? defaultCertsDir(),
      https: opts.sandbox?.https,
      seed: opts.sandbox?.seed,
      logger,
    }).then(
      (rt) => {
        sandbox = rt;
        return rt;
      },
      (e: unknown) => {
        sandboxStarting = null;
        throw e;
      },
    );
    return sandboxStarting;
  };

  const resolveGateway = (): Result<GatewayConfig> => {
    if (settings.mode() === 'SANDBOX') {
      if (!sandbox) return err('CONFIG_ERROR', 'The sandbox simulator is not running.');
      return ok({ ...sandbox.merchant, ...sandbox.target, cert: sandbox.cert, clock });
    }
    const creds = settings.liveCredentials();
    if (!creds.ok) return creds;
    const c = creds.value;
    return ok({
      appid: c.appid,
      mchId: c.mchId,
      key: c.key,
      signType: c.signType,
      ...liveTarget,
      cert: c.cert ? { certPem: c.cert.certPem, keyPem: c.cert.keyPem } : null,
      clock,
    });
  };
  const gateway = createGatewayHolder({ resolve: resolveGateway, makeClient, logger, clock });
  cleanups.push(async () => {
    await gateway.close();
    await (sandbox ?? (sandboxStarting ? await sandboxStarting.catch(() => null) : null))?.close();
  });
  settings.onGatewayChange(() => gateway.invalidate());

  if (settings.mode() === 'SANDBOX') {
    try {
      await ensureSandbox();
    } catch (e) {
      // The till still opens (history, settings); payments answer CONFIG_ERROR until it is fixed.
      logger.error('sandbox simulator did not start', { error: e });
    }
  }

  const ids = opts.ids ?? createIdSource({ tillId: () => settings.tillId(), clock });

  // A damaged database or audit chain is shown to the till as an alert, not only logged.
  const raiseIntegrityAlert = (message: string): void => {
    try {
      const alert = store.transaction(() => {
        const a = insertAlert(store.db, { id: ids.id('alert'), kind: 'AUDIT_BROKEN', saleId: null, amountFen: 0, message, createdAt: clock.now() });
        store.audit.append({ actor: 'system', action: 'integrity.alert', subject: 'database', detail: message });
        return a;
      });
      opts.events('alert', alert);
    } catch (e) {
      logger.error('could not record an integrity alert', { error: e });
    }
  };
  const raisePinLockoutAlert = (l: PinLockout): void => {
    try {
      const alert = store.transaction(() =>
        insertAlert(store.db, { id: ids.id('alert'), kind: 'PIN_LOCKOUT', saleId: null, amountFen: 0, message: lockoutText(l), createdAt: clock.now() }),
      );
      opts.events('alert', alert);
    } catch (e) {
      logger.error('could not record a PIN lockout alert', { error: e });
    }
  };
  if (!store.startup.audit.ok) {
    logger.error('audit chain does not verify', { brokenAt: store.startup.audit.brokenAt, reason: store.startup.audit.reason });
    raiseIntegrityAlert(`The audit log failed its check at entry ${store.startup.audit.brokenAt}: records may have been altered.`);
  }
  const engine = createEngine({
    store,
    gateway: () => gateway.client(),
    clock,
    ids,
    events: opts.events,
    tillId: () => settings.tillId(),
    storeName: () => settings.storeName(),
    mode: () => settings.mode(),
    verifyManagerPin: (approver, p) => pin.verify(approver, p),
    limits: () => settings.limits(),
    log: (message, detail) => logger.warn(message, detail === undefined ? undefined : { detail }),
    ...opts.engine,
  });

  const history: HistoryQueries = {
    listReceipts: (q) => {
      try {
        return ok(listReceipts(store.db, q));
      } catch (e) {
        if (e instanceof InvalidQueryError) return err('INVALID_PAYLOAD', e.message);
        throw e;
      }
    },
    getReceiptDetail: (saleId) => getReceiptDetail(store.db, saleId, settings.storeName()),
    dayTotals: (start, end) => dayTotals(store.db, start, end, settings.mode()),
  };

  const sandboxPhone = async (attemptId: string, action: PhoneAction): Promise<Result<null>> => {
    if (settings.mode() !== 'SANDBOX') return err('SANDBOX_ONLY', 'The simulated phone exists only in sandbox mode.');
    const rt = sandbox;
    if (!rt) return err('CONFIG_ERROR', 'The sandbox simulator is not running.');
    const payment = await engine.getPayment({ attemptId });
    if (!payment.ok) return payment;
    const codeUrl = payment.value.codeUrl;
    if (!codeUrl) return err('NOT_FOUND', 'No QR code is shown for this payment.');
    return rt.phone(action, codeUrl);
  };

  const baseApi = createPosApi({
    engine,
    history,
    settings,
    pin,
    preflight: () => runPreflight({ settings, target: liveTarget, makeClient, probe: opts.probe ?? createHttpProbe(), clock }),
    sandboxPhone,
    appVersion: opts.appVersion,
  });
  const api: PosCalls = {
    ...baseApi,
    setMode: async (input) => {
      const r = await baseApi.setMode(input);
      if (r.ok && r.value.mode === 'SANDBOX' && !sandbox) {
        try {
          await ensureSandbox();
          gateway.invalidate(); // a client built while the simulator was starting is unconfigured
        } catch (e) {
          logger.error('sandbox simulator did not start', { error: e });
        }
      }
      return r;
    },
  };

  // Recovery runs in the background: the window opens at once and shows its progress
  // (getShellInfo().ready is false and charge() answers NOT_READY until it is done).
  const started = engine.start().then(
    () => logger.info('core ready', { mode: settings.mode() }),
    (e: unknown) => logger.error('start-up recovery failed', { error: e }),
  );
  let closed = false;
  // A large file skipped quick_check during open (store: quickCheck 'auto'); check it after ready.
  const background =
    store.startup.quickCheck === 'deferred'
      ? started
          .then(() => (closed ? null : store.backgroundCheck()))
          .then(
            (r) => {
              if (!r) return;
              if (r.problems.length) raiseIntegrityAlert(`The database failed its integrity check: ${r.problems.slice(0, 3).join('; ')}`);
              if (!r.audit.ok) raiseIntegrityAlert(`The audit log failed its check at entry ${r.audit.brokenAt}: records may have been altered.`);
            },
            (e: unknown) => logger.error('background database check failed', { error: e }),
          )
      : Promise.resolve();

  return {
    api,
    dispatch: createDispatcher(api, logger),
    get sandboxSimulator() {
      return (sandbox?.simulator ?? null) as SimulatorOf | null;
    },
    internals: { store, engine, settings, started },
    async close() {
      if (closed) return;
      closed = true;
      await engine.stop();
      await started;
      await background;
      await gateway.close();
      const rt = sandbox ?? (sandboxStarting ? await sandboxStarting.catch(() => null) : null);
      await rt?.close();
      store.close();
    },
  };
}
