// Registers every POS_CALLS handler through ONE wrapper: sender check first, then core's dispatcher
// (which validates the payload with zod and turns throws into { ok:false }). Errors cross as values.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { POS_CALLS, callChannel } from '../common/api';
import { err, type Result } from '../common/result';
import { describeSender, isTrustedSender, type SenderFacts } from './ipc-sender';
import type { Logger } from '../common/logger';

export type Dispatch = (name: string, payload: unknown) => Promise<Result<unknown>>;

export type IpcLogger = Pick<Logger, 'warn'>;

/** Facts about who sent an invoke, read from Electron's event. */
export function senderFacts(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, appWindow: WebContents | null): SenderFacts {
  const frame = event.senderFrame;
  return {
    url: frame ? frame.url : null,
    // parent === null makes it a top frame; matching the window's mainFrame (by process and frame token,
    // not object identity) rules out a top frame of some other webContents.
    isMainFrame:
      frame !== null &&
      frame.parent === null &&
      appWindow !== null &&
      !appWindow.isDestroyed() &&
      frame.processId === appWindow.mainFrame.processId &&
      frame.frameToken === appWindow.mainFrame.frameToken,
    fromAppWindow: appWindow !== null && !appWindow.isDestroyed() && event.sender === appWindow,
  };
}

export function registerPosHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  appWindow: () => WebContents | null,
  dispatch: Dispatch,
  log: IpcLogger,
): () => void {
  for (const name of POS_CALLS) {
    ipcMain.handle(callChannel(name), async (event, payload: unknown) => {
      const facts = senderFacts(event, appWindow());
      if (!isTrustedSender(facts)) {
        log.warn('ipc: refused call from an untrusted sender', { call: name, sender: describeSender(facts) });
        return err('FORBIDDEN_SENDER', 'This call is only accepted from the till window.');
      }
      return dispatch(name, payload);
    });
  }
  return () => {
    for (const name of POS_CALLS) ipcMain.removeHandler(callChannel(name));
  };
}
