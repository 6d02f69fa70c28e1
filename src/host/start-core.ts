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
import { createCatalogRepo } from '../core/catalog/catalog-repo'; // issue 15.1
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
import { buildStaffAuth } from '../core/auth';
import type { ScryptParams } from '../core/auth/pin-hash';
import type { StaffService } from '../core/auth/staff-service';
import { insertAlert } from '../core/store';
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
import { createChainGuard, type ChainGuard } from '../core/audit/chain-guard';
import { createPreflightLimit } from '../core/settings/preflight-limit';
import { createAuditWatch } from '../core/audit/audit-watch';
import type { StaffSession } from '../core/auth/staff-session';
import type { SandboxRuntime } from './sandbox-runtime';
import { startSandbox, type SandboxStartOptions } from './sandbox-sim';
// --- issue 13 shifts, cash, Z reports (i13-day) ---
import { createDay, type Day, type ZCrashPoint } from '../core/day';
import { reconcileBillDate, reconciled } from '../core/day/reconcile-day';
import { createReconcileScheduler } from '../core/day/reconcile-scheduler';
// --- issue 14 printing and customer display ---
import { createPrintService } from '../core/printing/print-service';
import type { PrinterPort } from '../core/printing/printer-port';
import { createCustomerFeed } from '../core/customer/customer-feed';

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
    /** Default 'in-process'. { url, token } uses an already running simulator (its /sim control API and token). */
    readonly simulator?: 'in-process' | { readonly url: string; readonly token: string };
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
  /** Staff PIN cost and first lockout length; production uses DEFAULT_PIN_SCRYPT and 5 minutes. */
  readonly pin?: { readonly scrypt?: ScryptParams; readonly lockoutMs?: number };
  /**
   * issue 11 point 3: told the one-time setup code when the till has no staff account at start (main
   * prints it once on its stdout; the e2e harness and test helpers use it to create the first owner).
   * Absent: no code is made at start; `wxpay-pos setup-code` makes one.
   */
  readonly onSetupCode?: (code: string) => void;
  readonly makeClient?: ClientFactory;
  readonly probe?: GatewayProbe;
  readonly startSandbox?: (opts: SandboxStartOptions) => Promise<SandboxRuntime>;
  /**
   * Who acknowledges a broken audit chain (issue 11 point 4). Default: the person signed in at this till
   * (the staff service); tests may name someone else.
   */
  readonly session?: StaffSession;
  /**
   * Tests and the e2e harness only (main never sets it): LIVE may use the simulator's merchants and
   * test-CA certificates. Issue 11 point 7; test/unit/main asserts main does not pass it.
   */
  readonly allowTestMaterialInLive?: boolean;
  /** The kill -9 suite's crash hook for the Z close. */
  readonly dayCrash?: (p: ZCrashPoint) => void;
  // --- issue 14 printing ---
  /** Electron's silent print (main); absent: a 'system' printer answers system_printer. */
  readonly systemPrinter?: PrinterPort;
  /** Network printer deadline per step; default 5 s. */
  readonly printTimeoutMs?: number;
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
    readonly staff: StaffService;
    /** Resolves when start-up recovery has finished (engine.ready() is then true). */
    readonly started: Promise<void>;
    /** Issue 11 point 4: the audit chain verdict that gates refunds, mode and staff changes. */
    readonly chainGuard: ChainGuard;
    /** Runs a full audit re-check now (the background one runs after start and daily). */
    readonly checkAudit: () => Promise<import('../core/store').AuditVerifyResult>;
    readonly day: Day; // issue 13 (i13-day)
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
  let hqRef: HqLink | null = null; // --- issue 16.2 (i16-enrol): HQ's token is redacted from the log too
  const secrets = (): string[] => [...(settingsRef?.knownSecrets() ?? []), ...(hqRef?.knownSecrets() ?? [])];
  const logger = opts.logger ? redactingLogger(opts.logger, secrets) : createLogger(consoleSink, secrets);

  // The SecretBox keys the audit chain (issue 11 point 4): a copied file alone cannot re-seal it.
  const store = openStore(join(opts.dataDir, 'pos.sqlite'), { clock, nativeBinding: opts.nativeBinding, secretBox: opts.secretBox });
  cleanups.push(() => store.close());

  // Alert ids come from the id source, which is built from settings below (a lockout happens only later).
  const alerts = createSystemAlerts({ store, newId: () => ids.id('alert'), clock, events: opts.events, logger });

  // issue 11: staff accounts. Each lockout and each owner made after sales is shown as an alert. The
  // settings service and the engine still ask (approver, PIN): the bridge hands them a one-time grant of
  // the signed-in person instead, which only an owner's (settings) or a manager's (refunds) satisfies.
  const staffAuth = buildStaffAuth({
    store,
    box: opts.secretBox,
    clock,
    newId: () => ids.id('staff'),
    scrypt: opts.pin?.scrypt,
    lockout: opts.pin?.lockoutMs !== undefined ? { baseMs: opts.pin.lockoutMs } : undefined,
    raiseAlert: (kind, message) => {
      const alert = insertAlert(store.db, { id: ids.id('alert'), kind, saleId: null, amountFen: 0, message, createdAt: clock.now() });
      opts.events('alert', alert);
    },
  });
  const staff = staffAuth.staff;
  cleanups.push(() => staff.close());
  // The owner who acknowledges a broken audit chain is the person signed in at this till.
  const chainGuard = createChainGuard({ audit: store.audit, session: opts.session ?? staff, initial: store.startup.audit });
  const pin = staffAuth.settingsApproval;
  const settings = createSettingsService({
    storage: store.kv,
    box: opts.secretBox,
    clock,
    files: opts.files,
    pin,
    // Payments and refunds not yet final: protected settings wait until there are none.
    openWork: () => openWorkCount(store.db),
    logger,
    chainGuard: () => chainGuard.check(),
    allowTestMaterialInLive: opts.allowTestMaterialInLive === true,
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
    // Issue 11 point 7: no client is built for LIVE from test material, whatever the database says.
    const test = settings.refuseTestMaterial(c);
    if (!test.ok) return test;
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
  // --- issue 14: slips print from a persistent queue after the sale committed; the customer display
  // follows the payment events. Both hear every payment event; neither can change a payment.
  const printing = createPrintService({
    db: store.db,
    kv: store.kv,
    clock,
    shop: { storeName: () => settings.storeName(), tillId: () => settings.tillId(), mode: () => settings.mode() },
    receipt: (saleId) => getReceiptDetail(store.db, saleId, settings.storeName()),
    onJob: (job) => opts.events('printJob', job),
    log: (msg) => logger.warn(msg),
    ...(opts.systemPrinter ? { systemPrinter: opts.systemPrinter } : {}),
    ...(opts.printTimeoutMs ? { tcpTimeoutMs: opts.printTimeoutMs } : {}),
  });
  const customer = createCustomerFeed({ storeName: () => settings.storeName(), clock, emit: (v) => opts.events('customerView', v) });
  const events: PosEventSink = (event, payload) => {
    opts.events(event, payload);
    if (event === 'payment') {
      const view = payload as Parameters<typeof printing.onPayment>[0];
      try {
        customer.payment(view);
        printing.onPayment(view);
      } catch (e) {
        logger.error('printing or customer display failed on a payment event', { error: e });
      }
    }
  };
  printing.start();
  cleanups.push(() => printing.stop());

  // --- issue 16 head office: the outbox pusher and refund authority (inactive until the till enrols)
  const hq = createHqLink({
    newId: (p) => ids.id(p),
    db: store.db,
    clock,
    box: opts.secretBox,
    log: (m, d) => logger.warn(m, d === undefined ? undefined : { detail: d }),
    audit: (entry) => void store.audit.append(entry), // --- issue 16.2 (i16-enrol): enrol / leave audited
  });
  hqRef = hq;
  const engine = createEngine({
    refundAuthority: hq.authority,
    store,
    gateway: engineClient,
    credentialsRejected: () => health.whenRejected(),
    clock,
    ids,
    events, // issue 14: opts.events, tapped for printing and the customer display
    tillId: () => settings.tillId(),
    storeName: () => settings.storeName(),
    mode: () => settings.mode(),
    // The bridge checked the signed-in manager (and a second one above the threshold) and passes a grant.
    verifyManagerPin: (approver, token) => staffAuth.verifyManagerPin(approver, token),
    limits: () => settings.limits(),
    chainGuard: () => chainGuard.check(),
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

  // First run: a till without any staff account shows its one-time setup code once (issue 11 point 3).
  if (opts.onSetupCode) {
    const code = staff.setupCodeAtStart();
    if (code) opts.onSetupCode(code);
  }

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

  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  const day = createDay(
    {
      store,
      clock,
      ids,
      session: opts.session ?? staff,
      tillId: () => settings.tillId(),
      mode: () => settings.mode(),
      // The bridge hands the day a grant of the approving manager (signed in, or another manager's PIN).
      verifyManagerPin: (approver, p) => staffAuth.verifyManagerPin(approver, p),
      openWork: () => openWorkCount(store.db),
    },
    opts.dayCrash,
  );
  // Reconciliation of WeChat's bill: on demand, and by itself in LIVE mode from 10:00 the next day.
  // Uses the gateway's client as it is (not the credential-health watch: a bill download says nothing
  // about the payment credentials the engine needs).
  const reconcileDeps = { store, clock, mode: () => settings.mode(), gateway: () => gateway.client() };
  const reconcileScheduler = createReconcileScheduler({
    clock,
    run: (d) => reconcileBillDate(reconcileDeps, d),
    // SANDBOX bills are simulated: on demand only.
    done: (d) => settings.mode() !== 'LIVE' || reconciled(store, settings.mode(), d),
    log: (message, detail) => logger.info(message, detail === undefined ? undefined : { detail }),
  });

  const api = createPosApi({
    engine,
    history,
    settings,
    auth: staffAuth.authority,
    preflight: () => runPreflight({ settings, target: liveTarget, makeClient, probe, clock }),
    sandbox,
    appVersion: opts.appVersion,
    clock: clockWatch,
    chainGuard,
    preflightLimit: createPreflightLimit(clock),
    day, // issue 13 (i13-day)
    reconcile: (billDate) => reconcileBillDate(reconcileDeps, billDate), // issue 13 (i13-day)
    // --- issue 15.1 catalog --- (staff: a price override needs the signed-in person's role)
    catalog: { repo: createCatalogRepo(store.db, () => clock.now(), () => ids.id('product')), staff },
    printing, // issue 14
    customer, // issue 14
    sync: hq, // --- issue 16
    headOffice: hq, // --- issue 16.2 till enrolment (i16-enrol)
    foreignPayments: hq.payments, // --- issue 16.4 cross-till refund (i16-xrefund)
  });

  // Recovery runs in the background: the window opens at once and shows its progress
  // (getShellInfo().ready is false and charge() answers NOT_READY until it is done).
  const started = engine.start().then(
    () => logger.info('core ready', { mode: settings.mode() }),
    (e: unknown) => logger.error('start-up recovery failed', { error: e }),
  );
  let closed = false;
  void started.then(() => (closed ? undefined : reconcileScheduler.start())); // issue 13
  // A large file skipped quick_check during open (store: quickCheck 'auto'); check it after ready.
  const background =
    store.startup.quickCheck === 'deferred'
      ? started
          .then(() => (closed ? null : store.backgroundCheck()))
          .then(
            (r) => {
              if (!r) return;
              if (r.problems.length) alerts.integrity(`The database failed its integrity check: ${r.problems.slice(0, 3).join('; ')}`);
              chainGuard.report(r.audit);
              if (!r.audit.ok) alerts.integrity(`The audit log failed its check at entry ${r.audit.brokenAt}: records may have been altered.`);
            },
            (e: unknown) => logger.error('background database check failed', { error: e }),
          )
      : Promise.resolve();
  // Issue 11 point 4: the whole chain, re-verified in slices after every start and daily.
  const auditWatch = createAuditWatch({
    clock,
    verifyFull: () => store.audit.verifyFullInSlices(),
    guard: chainGuard,
    onBroken: (r) => {
      logger.error('audit chain does not verify', { brokenAt: r.brokenAt, reason: r.reason });
      alerts.integrity(`The audit log failed its check at entry ${r.brokenAt}: records may have been altered.`);
    },
    onError: (e) => logger.error('background audit check failed', { error: e }),
  });
  auditWatch.start(background.then(() => started));

  return {
    api,
    dispatch: createDispatcher(api, logger),
    get sandboxSimulator() {
      return sandbox.simulator();
    },
    internals: { store, engine, settings, staff, started, chainGuard, checkAudit: () => auditWatch.checkNow(), day, hq },
    async close() {
      if (closed) return;
      closed = true;
      await engine.stop();
      await reconcileScheduler.stop(); // issue 13
      await printing.stop(); // issue 14
      customer.stop();
      await hq.stop(); // --- issue 16
      await clockWatch.stop();
      await started;
      await background;
      await auditWatch.stop();
      await gateway.close();
      await sandbox.close();
      staff.close();
      store.close();
    },
  };
}
