// The ONLY module that reads window.pos (the preload's or the harness's bridge). Everything else in
// the renderer imports `pos` and the small hooks below.
import { useEffect, useRef } from 'react';
import type { PosApi, PosEventName, PosEvents } from '../../common/api';
import type { Result } from '../../common/result';

const injected = (window as unknown as { pos?: PosApi }).pos;

/** Without a bridge (page opened outside the app) every call answers with an error value. */
function missingBridge(): PosApi {
  const fail = async (): Promise<Result<never>> => ({ ok: false, code: 'INTERNAL', message: 'no bridge' });
  return new Proxy({} as PosApi, {
    get: (_t, prop) => (prop === 'on' ? () => () => undefined : fail),
  });
}

export const pos: PosApi = injected ?? missingBridge();
export const bridgePresent = injected !== undefined;

/** Calls the bridge and turns a rejected promise (transport failure) into an error value too. */
export async function call<T>(p: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await p();
  } catch {
    return { ok: false, code: 'INTERNAL', message: 'the bridge call failed' };
  }
}

/** Subscribes to a PosEvents event for the component's lifetime; the latest listener is used. */
export function usePosEvent<E extends PosEventName>(event: E, listener: (payload: PosEvents[E]) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => pos.on(event, (payload) => ref.current(payload)), [event]);
}
