// One door into core for every transport (Electron IPC in main, exposeBinding in the e2e harness):
// unknown names are refused, payloads are schema-checked before a handler sees them, and a thrown
// error becomes INTERNAL for the renderer while the details go to the (redacting) log.
import type { PosCallName, PosCalls } from '../common/api';
import { err, type Result } from '../common/result';
import { describeIssues, isPosCallName, posCallSchemas } from './api-schemas';
import { silentLogger, type Logger } from './logger';

export type Dispatch = (name: string, payload: unknown) => Promise<Result<unknown>>;

export function createDispatcher(api: PosCalls, logger: Logger = silentLogger): Dispatch {
  return async (name, payload) => {
    if (typeof name !== 'string' || !isPosCallName(name)) {
      return err('UNKNOWN_METHOD', `No such call: ${String(name).slice(0, 40)}`);
    }
    const parsed = posCallSchemas[name].safeParse(payload);
    if (!parsed.success) return err('INVALID_PAYLOAD', `${name}: ${describeIssues(parsed.error)}`);
    try {
      return await invoke(api, name, parsed.data);
    } catch (e) {
      // The payload is not logged: it may carry a PIN or a key.
      logger.error(`call ${name} failed`, { error: e });
      return err('INTERNAL', 'Something went wrong inside the till; details are in the log.');
    }
  };
}

// The schema for `name` produced `data`, so it has the call's payload type; TypeScript cannot see
// the correlation through the union, hence the one cast here.
function invoke(api: PosCalls, name: PosCallName, data: unknown): Promise<Result<unknown>> {
  const fn = api[name] as (payload: unknown) => Promise<Result<unknown>>;
  return fn.call(api, data);
}
