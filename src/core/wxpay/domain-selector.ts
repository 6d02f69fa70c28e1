// Which domain to try first, after the official Java SDK's WXPayDomainSimpleImpl (wxpay-v2.md section 6):
// per-domain counters; the primary is "good" while connect timeouts <= 2 and DNS errors <= 2; once it is
// bad, prefer the backup for 3 minutes unless the backup is worse (badness = connect timeouts +
// 5 x DNS errors + other errors / 4); after 3 minutes force back to the primary and reset both.
// A success after >= 2 earlier consecutive successes clears that domain's error counters.
// Time comes from the injected Clock so tests can jump 3 minutes.
import type { Clock } from '../../common/clock';

export type DomainRole = 'primary' | 'backup';
export type AttemptReport = 'ok' | 'dns' | 'connect-timeout' | 'other';

export const SWITCH_BACK_MS = 3 * 60 * 1000;

class DomainStats {
  succ = 0;
  connectTimeouts = 0;
  dnsErrors = 0;
  others = 0;
  reset(): void {
    this.succ = this.connectTimeouts = this.dnsErrors = this.others = 0;
  }
  isGood(): boolean {
    return this.connectTimeouts <= 2 && this.dnsErrors <= 2;
  }
  badness(): number {
    return this.connectTimeouts + this.dnsErrors * 5 + Math.floor(this.others / 4);
  }
}

export class DomainSelector {
  private readonly stats: Record<DomainRole, DomainStats> = { primary: new DomainStats(), backup: new DomainStats() };
  /** When we first preferred the backup, or null while on the primary. */
  private switchedAt: number | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly hasBackup: boolean,
  ) {}

  pick(): DomainRole {
    const primary = this.stats.primary;
    if (!this.hasBackup || primary.isGood()) return 'primary';
    const now = this.clock.now();
    if (this.switchedAt === null) {
      this.switchedAt = now;
      return 'backup';
    }
    // A clock that jumped backwards counts as "window over" rather than pinning us to the backup.
    const elapsed = now - this.switchedAt;
    if (elapsed >= 0 && elapsed < SWITCH_BACK_MS) {
      const backup = this.stats.backup;
      return backup.isGood() || backup.badness() < primary.badness() ? 'backup' : 'primary';
    }
    this.switchedAt = null;
    primary.reset();
    this.stats.backup.reset();
    return 'primary';
  }

  report(role: DomainRole, what: AttemptReport): void {
    const s = this.stats[role];
    switch (what) {
      case 'ok':
        if (s.succ >= 2) {
          s.connectTimeouts = s.dnsErrors = s.others = 0;
        } else {
          s.succ++;
        }
        return;
      case 'connect-timeout':
        s.succ = 0;
        s.connectTimeouts++;
        return;
      case 'dns':
        s.succ = 0;
        s.dnsErrors++;
        return;
      case 'other':
        s.succ = 0;
        s.others++;
        return;
      default: {
        const never: never = what;
        throw new Error(`unknown report ${String(never)}`);
      }
    }
  }

  /** For diagnostics and tests. */
  snapshot(): { switchedAt: number | null; primary: Readonly<DomainStats>; backup: Readonly<DomainStats> } {
    return { switchedAt: this.switchedAt, primary: { ...this.stats.primary } as DomainStats, backup: { ...this.stats.backup } as DomainStats };
  }
}
