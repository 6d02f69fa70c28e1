// Core's SandboxPort, backed by a simulator the host starts on first need (at boot in SANDBOX mode,
// or when the till switches to it) and stops on close. One start at a time; a failed start may be retried.
import { err, ok, type Result } from '../common/result';
import type { Logger } from '../core/logger';
import type { SandboxGateway, SandboxPort } from '../core/settings/sandbox-port';
import type { Simulator } from '../sim';
import type { SandboxRuntime } from './sandbox-runtime';

export interface HostSandboxPort extends SandboxPort {
  /** The in-process simulator while one runs (tests and the harness drive its phone and faults). */
  simulator(): Simulator | null;
}

export function createSandboxPort(deps: {
  readonly start: () => Promise<SandboxRuntime>;
  readonly logger: Logger;
  /** Called once the gateway serves: a client built while it was starting is unconfigured. */
  readonly onStarted?: () => void;
}): HostSandboxPort {
  let running: SandboxRuntime | null = null;
  let starting: Promise<SandboxRuntime> | null = null;

  const startOnce = (): Promise<SandboxRuntime> => {
    starting ??= deps.start().then(
      (rt) => {
        running = rt;
        deps.onStarted?.();
        return rt;
      },
      (e: unknown) => {
        starting = null;
        throw e;
      },
    );
    return starting;
  };

  return {
    async ensure(): Promise<Result<SandboxGateway>> {
      if (running) return ok(running);
      try {
        return ok(await startOnce());
      } catch (e) {
        // The till still opens (history, settings); payments answer CONFIG_ERROR until it is fixed.
        deps.logger.error('sandbox simulator did not start', { error: e });
        return err('CONFIG_ERROR', 'The sandbox simulator did not start; details are in the log.');
      }
    },
    current: () => running,
    phone: (action, codeUrl) =>
      running ? running.phone(action, codeUrl) : Promise.resolve(err('CONFIG_ERROR', 'The sandbox simulator is not running.')),
    simulator: () => running?.simulator ?? null,
    // --- issue 12 quick pay (i12-engine) ---
    paymentCode: (customer) =>
      running?.paymentCode ? running.paymentCode(customer) : Promise.resolve(err('CONFIG_ERROR', 'The sandbox simulator is not running.')),
    password: (authCode, action) =>
      running?.password ? running.password(authCode, action) : Promise.resolve(err('CONFIG_ERROR', 'The sandbox simulator is not running.')),
    async close() {
      const rt = running ?? (starting ? await starting.catch(() => null) : null);
      running = null;
      starting = null;
      await rt?.close();
    },
  };
}
