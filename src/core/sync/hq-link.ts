// The till's link to head office (issue 16), built once by the host: the enrolment it keeps (HQ's URL and
// pinned certificate in settings, the token encrypted in the secret store), the background pusher, the
// refund authority for the refund path, and the sync state the header shows. A till never enrolled has
// no link: status 'off', refunds on its own limits, nothing in its outbox.
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import type { SyncStatus } from '../../common/hq-sync';
import { fail, ok, type Result } from '../../common/result';
import type { SecretBox } from '../settings/secret-box';
import { getSecret, getSetting, putSecret, setSetting } from '../store/kv';
import { enrolAtHq, type EnrolFailure } from './enrol';
import { createHqTransport, type HqTransport } from './hq-transport';
import { OutboxPusher } from './pusher';
import { hqRefundAuthority, type RefundAuthority } from './refund-authority';
import { randomUUID } from 'node:crypto';
import { createForeignPayments, type ForeignPayments } from './foreign-payments'; // issue 16.4 (i16-xrefund)

const KEY = { url: 'hq.url', cert: 'hq.cert' } as const;
const SECRET_TOKEN = 'hq.token';

export interface HqLink {
  status(): SyncStatus;
  readonly authority: RefundAuthority;
  /** issue 16.4: payments of other tills, looked up at HQ and mirrored here for a refund. */
  readonly payments: ForeignPayments;
  /** Enrol with the code and fingerprint shown at HQ; starts pushing at once. */
  enrol(url: string, fingerprint: string, code: string): Promise<Result<{ tillId: string }, EnrolFailure>>;
  /** Something was committed: push soon. */
  nudge(): void;
  stop(): Promise<void>;
}

export interface HqLinkDeps {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly box: SecretBox;
  readonly log?: (message: string, detail?: unknown) => void;
  /** issue 16.4: ids of mirrored rows (the till's id source; a random one when absent). */
  readonly newId?: (prefix: string) => string;
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

  return {
    status: () => pusher?.status() ?? { state: 'off' },
    authority: hqRefundAuthority(() => transport, () => token),
    payments: createForeignPayments({ db: d.db, clock: d.clock, transport: () => transport, token: () => token, newId: d.newId ?? ((p) => `${p}-${randomUUID()}`) }),
    async enrol(hqUrl, fingerprint, code) {
      if (d.box.weak) return fail({ kind: 'refused', message: '此电脑无法安全保存凭证 / this computer cannot keep the HQ credential safely' });
      const r = await enrolAtHq(d.db, d.clock, hqUrl, fingerprint, code);
      if (!r.ok) return r;
      d.db.transaction(() => {
        setSetting(d.db, KEY.url, hqUrl);
        setSetting(d.db, KEY.cert, r.value.certPem);
        putSecret(d.db, SECRET_TOKEN, d.box.encrypt(new TextEncoder().encode(r.value.token)), d.clock.now());
      })();
      await pusher?.stop();
      await transport?.close();
      connect(hqUrl, r.value.certPem, r.value.token);
      return ok({ tillId: r.value.tillId });
    },
    nudge: () => pusher?.nudge(),
    async stop() {
      await pusher?.stop();
      await transport?.close();
    },
  };
}
