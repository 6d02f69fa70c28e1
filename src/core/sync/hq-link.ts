// The till's link to head office (issue 16), built once by the host: the enrolment it keeps (HQ's URL and
// pinned certificate in settings, the token encrypted in the secret store), the background pusher, the
// refund authority for the refund path, and the sync state the header shows. A till never enrolled has
// no link: status 'off', refunds on its own limits, nothing in its outbox.
import { randomUUID, X509Certificate } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import type { SyncStatus } from '../../common/hq-sync';
import { fail, ok, type Result } from '../../common/result';
import type { SecretBox } from '../settings/secret-box';
import type { AuditEntry } from '../store/audit';
import { deleteSecret, deleteSetting, getSecret, getSetting, putSecret, setSetting } from '../store/kv';
import { enrolAtHq, type EnrolFailure } from './enrol';
import { createHqTransport, type HqTransport } from './hq-transport';
import { syncState } from './outbox-repo';
import { OutboxPusher } from './pusher';
import { hqRefundAuthority, type RefundAuthority } from './refund-authority';
import { createForeignPayments, type ForeignPayments } from './foreign-payments'; // issue 16.4 (i16-xrefund)

const KEY = { url: 'hq.url', cert: 'hq.cert' } as const;
const SECRET_TOKEN = 'hq.token';

export interface HqLink {
  status(): SyncStatus;
  readonly authority: RefundAuthority;
  /** issue 16.4: payments of other tills, looked up at HQ and mirrored here for a refund. */
  readonly payments: ForeignPayments;
  /** Enrol with the code and fingerprint shown at HQ; starts pushing at once. */
  enrol(url: string, fingerprint: string, code: string, actor?: string): Promise<Result<{ tillId: string }, EnrolFailure>>;
  // --- issue 16.2 till enrolment (i16-enrol) ---
  /** Where the till is enrolled (null: working alone). Never the token. */
  enrolment(): HqEnrolment | null;
  /** Forgets HQ's URL, certificate and token and stops pushing; the outbox keeps its rows. false: not enrolled. */
  leave(actor: string): Promise<boolean>;
  /** The token while enrolled, for the redacting logger only (never logged, never across the bridge). */
  knownSecrets(): string[];
  /** Something was committed: push soon. */
  nudge(): void;
  stop(): Promise<void>;
}

export interface HqLinkDeps {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly box: SecretBox;
  readonly log?: (message: string, detail?: unknown) => void;
  /** issue 16.2: enrolment and leaving are audited in the transaction that writes the settings (which reseals them). */
  readonly audit?: (entry: AuditEntry) => void;
  /** issue 16.4: ids of mirrored rows (the till's id source; a random one when absent). */
  readonly newId?: (prefix: string) => string;
}

/** issue 16.2: what the till shows of its enrolment. */
export interface HqEnrolment {
  readonly url: string;
  /** SHA-256 of the pinned certificate, as HQ shows it. */
  readonly fingerprint: string;
  /** null while the outbox has not been turned on (never, once enrolled through enrol()). */
  readonly tillId: string | null;
}

export function createHqLink(d: HqLinkDeps): HqLink {
  let transport: HqTransport | null = null;
  let token: string | null = null;
  let pusher: OutboxPusher | null = null;

  const connect = (url: string, cert: string, tok: string): void => {
    transport = createHqTransport(url, cert);
    token = tok;
    pusher = new OutboxPusher({ db: d.db, clock: d.clock, transport, token: () => token, log: d.log });
    pusher.start();
  };

  const url = getSetting(d.db, KEY.url);
  const cert = getSetting(d.db, KEY.cert);
  const blob = getSecret(d.db, SECRET_TOKEN);
  if (url && cert && blob) {
    try {
      connect(url, cert, new TextDecoder().decode(d.box.decrypt(blob)));
    } catch (e) {
      d.log?.('head-office link not started: the stored token cannot be read', (e as Error).message);
    }
  }

  const enrolment = (): HqEnrolment | null => {
    const u = getSetting(d.db, KEY.url);
    const c = getSetting(d.db, KEY.cert);
    if (!u || !c) return null;
    return { url: u, fingerprint: fingerprintOf(c), tillId: syncState(d.db)?.tillId ?? null };
  };

  return {
    status: () => pusher?.status() ?? { state: 'off' },
    authority: hqRefundAuthority(() => transport, () => token),
    payments: createForeignPayments({ db: d.db, clock: d.clock, transport: () => transport, token: () => token, newId: d.newId ?? ((p) => `${p}-${randomUUID()}`) }),
    async enrol(hqUrl, fingerprint, code, actor = 'system') {
      if (d.box.weak) return fail({ kind: 'weak-store', message: '此电脑无法安全保存凭证 / this computer cannot keep the HQ credential safely' });
      const r = await enrolAtHq(d.db, d.clock, hqUrl, fingerprint, code);
      if (!r.ok) return r;
      d.db.transaction(() => {
        setSetting(d.db, KEY.url, hqUrl);
        setSetting(d.db, KEY.cert, r.value.certPem);
        putSecret(d.db, SECRET_TOKEN, d.box.encrypt(new TextEncoder().encode(r.value.token)), d.clock.now());
        d.audit?.({ actor, action: 'hq.enrol', subject: r.value.tillId, detail: { url: hqUrl, fingerprint: fingerprintOf(r.value.certPem) } });
      })();
      await pusher?.stop();
      await transport?.close();
      connect(hqUrl, r.value.certPem, r.value.token);
      return ok({ tillId: r.value.tillId });
    },
    nudge: () => pusher?.nudge(),
    // --- issue 16.2 till enrolment (i16-enrol) ---
    enrolment,
    knownSecrets: () => (token ? [token] : []),
    async leave(actor) {
      const was = enrolment();
      if (!was) return false;
      await pusher?.stop();
      await transport?.close();
      pusher = null;
      transport = null;
      token = null;
      d.db.transaction(() => {
        deleteSetting(d.db, KEY.url);
        deleteSetting(d.db, KEY.cert);
        deleteSecret(d.db, SECRET_TOKEN);
        d.audit?.({ actor, action: 'hq.leave', subject: was.tillId ?? '', detail: { url: was.url } });
      })();
      return true;
    },
    async stop() {
      await pusher?.stop();
      await transport?.close();
    },
  };
}

/** HQ's certificate fingerprint as HQ shows it (upper-case hex pairs with colons); '' for a certificate that does not parse. */
function fingerprintOf(certPem: string): string {
  try {
    return new X509Certificate(certPem).fingerprint256;
  } catch {
    return '';
  }
}
