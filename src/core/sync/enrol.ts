// Enrolment from the till's side: trade the one-time code shown at HQ for this till's id and token, over
// TLS to the certificate whose fingerprint HQ showed; then turn the outbox on (back-filling older rows).
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import { fail, ok, type Result } from '../../common/result';
import { createHqTransport, fetchPinnedCert, PinMismatchError, type HqTransport } from './hq-transport';
import { enableOutbox } from './outbox-repo';

export interface Enrolment {
  readonly url: string;
  readonly certPem: string;
  readonly tillId: string;
  /** Secret: the caller keeps it in the secret store, never in settings or a log. */
  readonly token: string;
}

export interface EnrolFailure {
  /**
   * unreachable: no answer; fingerprint: the certificate there is not the one HQ shows; code: HQ does not
   * know the code, or it was used or expired; refused: HQ refused otherwise; weak-store: the till cannot
   * keep the token safely (issue 16.2: the screen names each in plain words).
   */
  readonly kind: 'unreachable' | 'fingerprint' | 'code' | 'refused' | 'weak-store';
  readonly message: string;
}

export async function enrolAtHq(db: Database.Database, clock: Clock, url: string, fingerprint: string, code: string): Promise<Result<Enrolment, EnrolFailure>> {
  let certPem: string;
  try {
    certPem = await fetchPinnedCert(url, fingerprint);
  } catch (e) {
    return fail({ kind: e instanceof PinMismatchError ? 'fingerprint' : 'unreachable', message: (e as Error).message });
  }
  const t: HqTransport = createHqTransport(url, certPem);
  try {
    const r = await t.post('/api/enrol', { code }, null);
    const b = r.body as { tillId?: string; token?: string; code?: string; message?: string } | null;
    if (r.status !== 200 || typeof b?.tillId !== 'string' || typeof b.token !== 'string')
      return fail({ kind: b?.code === 'BAD_CODE' ? 'code' : 'refused', message: b?.message ?? `HQ refused the enrolment (${r.status})` });
    enableOutbox(db, b.tillId, clock.now());
    return ok({ url, certPem, tillId: b.tillId, token: b.token });
  } catch (e) {
    return fail({ kind: 'unreachable', message: (e as Error).message });
  } finally {
    await t.close();
  }
}
