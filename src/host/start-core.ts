// startCore: the composition root shared by Electron's main process, the CLI and the browser e2e
// harness. Opens the store, reads settings, builds the gateway client (the simulator in sandbox mode, the
// real gateway in LIVE), runs the engine's start-up recovery, and hands back the PosApi handler table and
// its validating dispatcher. Core gets the simulator only through its SandboxPort; nothing here knows
// about Electron: main adds the sender check and the safeStorage SecretBox; the harness passes a
// MemorySecretBox.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PosCalls, PosEventSink } from '../common/api';
import { realClock, type Clock } from '../common/clock';
import { err, ok, type Result } from '../common/result';
import { createPosApi, type HistoryQueries } from '../core/api';
import { createEngine, type Engine, type EngineDeps } from '../core/checkout';
import { createDispatcher, type Dispatch } from '../core/dispatch';
import { DEFAULT_BASE_URL } from '../common/gateway-urls';
import { createClockWatch, type ClockWatch } from '../core/settings/clock-watch';
import { createCredentialHealth } from '../core/settings/credential-health';
import type { WxPayClient } from '../core/wxpay/types';
import { createIdSource, type IdSource } from '../core/ids';
import { consoleSink, createLogger, redactingLogger, type Logger } from '../core/logger';
import type { CertFile } from '../core/settings/certificate';
import { createGatewayHolder, type ClientFactory, type GatewayConfig, type GatewayTarget } from '../core/settings/gateway';
import { createManagerPin, type ScryptParams } from '../core/settings/manager-pin';
import { runPreflight, type GatewayProbe } from '../core/settings/preflight';
import { createHttpProbe } from '../core/settings/probe';
import type { SecretBox } from '../core/settings/secret-box';
import { createSettingsService, type SettingsService } from '../core/settings/settings-service';
import { InvalidQueryError, dayTotals, getReceiptDetail, listReceipts, openStore, openWorkCount, type Store } from '../core/store';
import { createSystemAlerts } from '../core/system-alerts';
import { createWxPayClient } from '../core/wxpay/client';
import { createHqLink, type HqLink } from '../core/sync/hq-link'; // --- issue 16
import { findTestCertsDir, type Simulator } from '../sim';
import { createSandboxPort } from './sandbox-port';
import type { SandboxRuntime } from './sandbox-runtime';
import { startSandbox, type SandboxStartOptions } from './sandbox-sim';

export type { CertFile } from '../core/settings/certificate';
export type { SecretBox } from '../core/settings/secret-box';
export { MemorySecretBox } from '../core/settings/secret-box';

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
  // ---- optional, for tests and the e2e harness ----
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
  readonly sandboxSimulator: Simulator | null;
  close(): Promise<void>;
  /** For tests and diagnostics; main and the renderer never need these. */
  readonly internals: {
    readonly store: Store;
    readonly engine: Engine;
    readonly settings: SettingsService;
    /** Resolves when start-up recovery has finished (engine.ready() is then true). */
    readonly started: Promise<void>;
    /** --- issue 16: the head-office link (enrolment, pusher, sync state) */
    readonly hq: HqLink;
  };
}

/** resources/test-certs next to the app: src/host/start-core.ts, out/main/index.js and out/cli/index.mjs are all two levels down. */
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

  // Alert ids come from the id source, which is built from settings below (a lockout happens only later).
  const alerts = createSystemAlerts({ store, newId: () => ids.id('alert'), clock, events: opts.events, logger });

  // Each PIN lockout is shown to the till as an alert.
  const pin = createManagerPin({
    storage: store.kv,
    clock,
    scrypt: opts.pin?.scrypt,
    lockoutMs: opts.pin?.lockoutMs,
    onLockout: (l) => alerts.pinLockout(l),
  });
  const settings = createSettingsService({
    storage: store.kv,
    box: opts.secretBox,
    clock,
    files: opts.files,
    pin,
    // Payments and refunds not yet final: protected settings wait until there are none.
    openWork: () => openWorkCount(store.db),
    logger,
  });
  settingsRef = settings;
  if (opts.secretBox.weak) logger.warn('secret storage is weak (basic_text): LIVE mode is disabled on this computer');
  const ids: IdSource = opts.ids ?? createIdSource({ tillId: () => settings.tillId(), clock });

  const makeClient: ClientFactory = opts.makeClient ?? ((cfg) => createWxPayClient({ ...cfg, clock: cfg.clock ?? clock }));
  const liveTarget: GatewayTarget = opts.liveGateway ?? {};

  // ---- sandbox: started at boot in SANDBOX mode, or later when the till switches to it ----
  const startSandboxFn = opts.startSandbox ?? startSandbox;
  const sandbox = createSandboxPort({
    start: () =>
      startSandboxFn({
        clock,
        simulator: opts.sandbox?.simulator ?? 'in-process',
        certsDir: opts.sandbox?.certsDir ?? findTestCertsDir() ?? defaultCertsDir(),
        https: opts.sandbox?.https,
        seed: opts.sandbox?.seed,
        logger,
      }),
    logger,
    onStarted: () => gateway.invalidate(), // a client built while the simulator was starting is unconfigured
  });
  cleanups.push(() => sandbox.close());

  const resolveGateway = (): Result<GatewayConfig> => {
    if (settings.mode() === 'SANDBOX') {
      const sb = sandbox.current();
      if (!sb) return err('CONFIG_ERROR', 'The sandbox simulator is not running.');
      return ok({ ...sb.merchant, ...sb.target, cert: sb.cert, clock });
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
  cleanups.push(() => gateway.close());
  // Calls rejected for their credentials (a key or certificate rotated on the merchant platform) let
  // recovery finish; new credentials reset the verdict and the open items' watchers resume.
  const health = createCredentialHealth(() =>
    logger.error('the gateway rejects the merchant credentials (key or certificate changed?): enter the new ones in Settings'),
  );
  const watched = new WeakMap<WxPayClient, WxPayClient>();
  const engineClient = (): WxPayClient => {
    const c = gateway.client();
    let w = watched.get(c);
    if (!w) watched.set(c, (w = health.watch(c)));
    return w;
  };
  settings.onGatewayChange(() => {
    gateway.invalidate();
    health.reset();
  });

  if (settings.mode() === 'SANDBOX') await sandbox.ensure();

  // A damaged database or audit chain is shown to the till as an alert, not only logged.
  if (!store.startup.audit.ok) {
    logger.error('audit chain does not verify', { brokenAt: store.startup.audit.brokenAt, reason: store.startup.audit.reason });
    alerts.integrity(`The audit log failed its check at entry ${store.startup.audit.brokenAt}: records may have been altered.`);
  }
  // --- issue 16 head office: the outbox pusher and refund authority (inactive until the till enrols)
  const hq = createHqLink({ db: store.db, clock, box: opts.secretBox, log: (m, d) => logger.warn(m, d === undefined ? undefined : { detail: d }) });
  const engine = createEngine({
    refundAuthority: hq.authority,
    store,
    gateway: engineClient,
    credentialsRejected: () => health.whenRejected(),
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

  // The till's clock against the gateway's Date (the simulator's in SANDBOX): at start and hourly.
  const probe = opts.probe ?? createHttpProbe();
  const clockWatch: ClockWatch = createClockWatch({
    clock,
    gatewayTime: async () => {
      const target = settings.mode() === 'SANDBOX' ? sandbox.current()?.target : liveTarget;
      if (!target) return null;
      const r = await probe(target.baseUrl ?? DEFAULT_BASE_URL, target.ca ?? null);
      return r.ok ? r.value.dateMs : null;
    },
    onChange: (s) =>
      s.wrong
        ? logger.error('the clock is wrong: charge is refused until it is set', { offsetMs: s.offsetMs })
        : logger.info('the clock agrees with the gateway', { offsetMs: s.offsetMs }),
  });
  clockWatch.start();
  // A new mode or gateway may mean another clock to compare with.
  settings.onGatewayChange(() => void clockWatch.check());
  cleanups.push(() => clockWatch.stop());

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

  const api = createPosApi({
    engine,
    history,
    settings,
    pin,
    preflight: () => runPreflight({ settings, target: liveTarget, makeClient, probe, clock }),
    sandbox,
    appVersion: opts.appVersion,
    clock: clockWatch,
    sync: hq, // --- issue 16
  });

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
              if (r.problems.length) alerts.integrity(`The database failed its integrity check: ${r.problems.slice(0, 3).join('; ')}`);
              if (!r.audit.ok) alerts.integrity(`The audit log failed its check at entry ${r.audit.brokenAt}: records may have been altered.`);
            },
            (e: unknown) => logger.error('background database check failed', { error: e }),
          )
      : Promise.resolve();

  return {
    api,
    dispatch: createDispatcher(api, logger),
    get sandboxSimulator() {
      return sandbox.simulator();
    },
    internals: { store, engine, settings, started, hq },
    async close() {
      if (closed) return;
      closed = true;
      await engine.stop();
      await hq.stop(); // --- issue 16
      await clockWatch.stop();
      await started;
      await background;
      await gateway.close();
      await sandbox.close();
      store.close();
    },
  };
}
