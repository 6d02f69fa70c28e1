// Alerts raised by the till itself rather than by a payment: a damaged database or audit chain, a
// manager PIN lockout. Each is stored (so it survives a restart until dismissed) and pushed to the till.
import type { PosEventSink } from '../common/api';
import type { Clock } from '../common/clock';
import { insertAlert } from './store';
import type { Logger } from './logger';
import { lockoutText, type PinLockout } from './settings/manager-pin';
import type { Store } from './store';

export interface SystemAlerts {
  /** AUDIT_BROKEN: the database or its audit chain failed a check; also written to the audit log. */
  integrity(message: string): void;
  /** PIN_LOCKOUT: who was locked out and until when (never the PIN tried). */
  pinLockout(lockout: PinLockout): void;
}

export function createSystemAlerts(deps: {
  readonly store: Pick<Store, 'db' | 'audit' | 'transaction'>;
  /** A fresh alert id (the id source may be built after this, from settings). */
  readonly newId: () => string;
  readonly clock: Clock;
  readonly events: PosEventSink;
  readonly logger: Logger;
}): SystemAlerts {
  const { store, clock, logger } = deps;
  // A failure to record an alert is logged, never thrown into the code that noticed the problem.
  const raise = (kind: 'AUDIT_BROKEN' | 'PIN_LOCKOUT', message: string, audited: boolean): void => {
    try {
      const alert = store.transaction(() => {
        const a = insertAlert(store.db, { id: deps.newId(), kind, saleId: null, amountFen: 0, message, createdAt: clock.now() });
        if (audited) store.audit.append({ actor: 'system', action: 'integrity.alert', subject: 'database', detail: message });
        return a;
      });
      deps.events('alert', alert);
    } catch (e) {
      logger.error(kind === 'AUDIT_BROKEN' ? 'could not record an integrity alert' : 'could not record a PIN lockout alert', { error: e });
    }
  };
  return {
    integrity: (message) => raise('AUDIT_BROKEN', message, true),
    pinLockout: (l) => raise('PIN_LOCKOUT', lockoutText(l), false),
  };
}
