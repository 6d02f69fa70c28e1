// testConnection runs a handful of signed calls against the gateway (issue 11 point 8): one at a time
// and at most one every PREFLIGHT_SPACING_MS, so a stuck key or a script cannot hammer WeChat Pay (whose
// rate limits would then hit real payments) from the till.
import { monotonicNow, type Clock } from '../../common/clock';
import { err, ok, type Result } from '../../common/result';

export const PREFLIGHT_SPACING_MS = 5_000;

export interface PreflightLimit {
  /** ok: go (call end() when done); CHECK_TOO_FREQUENT while one runs or the last began too recently. */
  begin(): Result<null>;
  end(): void;
}

export function createPreflightLimit(clock: Clock, spacingMs = PREFLIGHT_SPACING_MS): PreflightLimit {
  let running = false;
  let lastStart: number | null = null;
  return {
    begin() {
      const now = monotonicNow(clock);
      if (running) return err('CHECK_TOO_FREQUENT', 'The connection test is still running: wait for its result.');
      if (lastStart !== null && now - lastStart < spacingMs) {
        const secs = Math.ceil((spacingMs - (now - lastStart)) / 1000);
        return err('CHECK_TOO_FREQUENT', `The connection was just tested: try again in ${secs} s.`);
      }
      running = true;
      lastStart = now;
      return ok(null);
    },
    end() {
      running = false;
    },
  };
}
