// The certificate file dialog (settings -> import certificate). Files are chosen and read in main; the
// renderer only ever learns the result of the import, never a path or the bytes.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { CertFile } from '../core/settings/certificate';

/** A merchant .p12 or PEM is a few KB; anything much larger is not a certificate. */
export const MAX_CERT_FILE_BYTES = 64 * 1024;

export interface DialogDeps {
  showOpenDialog(options: OpenDialogOptions): Promise<Pick<OpenDialogReturnValue, 'canceled' | 'filePaths'>>;
  readFile(path: string): Promise<Uint8Array>;
  fileSize(path: string): Promise<number>;
}

export class CertificateFileError extends Error {
  override readonly name = 'CertificateFileError';
}

async function pickOne(deps: DialogDeps, title: string, filters: OpenDialogOptions['filters']): Promise<string | null> {
  const answer = await deps.showOpenDialog({ title, filters, properties: ['openFile', 'dontAddToRecent'] });
  const path = answer.filePaths[0];
  return answer.canceled || path === undefined ? null : path;
}

async function readSmall(deps: DialogDeps, path: string): Promise<Uint8Array> {
  if ((await deps.fileSize(path)) > MAX_CERT_FILE_BYTES) throw new CertificateFileError(`${basename(path)} is too large to be a certificate`);
  return deps.readFile(path);
}

/** p12: one file. pem: the certificate, then its private key; their text is joined for core to pair. */
export async function pickCertificateWith(deps: DialogDeps, format: 'p12' | 'pem'): Promise<CertFile | null> {
  if (format === 'p12') {
    const path = await pickOne(deps, 'Merchant certificate (.p12 / .pfx)', [{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }]);
    if (path === null) return null;
    return { format: 'p12', fileName: basename(path), bytes: await readSmall(deps, path) };
  }
  const certPath = await pickOne(deps, 'Merchant certificate (apiclient_cert.pem)', [{ name: 'PEM certificate', extensions: ['pem', 'crt', 'cer'] }]);
  if (certPath === null) return null;
  const keyPath = await pickOne(deps, 'Private key (apiclient_key.pem)', [{ name: 'PEM private key', extensions: ['pem', 'key'] }]);
  if (keyPath === null) return null;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const text = `${decoder.decode(await readSmall(deps, certPath)).trim()}\n${decoder.decode(await readSmall(deps, keyPath)).trim()}\n`;
  return { format: 'pem', fileName: basename(certPath), text };
}

/** The Electron-backed dependencies: a dialog modal to the till window. */
export function electronDialogDeps(dialog: { showOpenDialog(win: BrowserWindow, o: OpenDialogOptions): Promise<OpenDialogReturnValue>; showOpenDialog(o: OpenDialogOptions): Promise<OpenDialogReturnValue> }, window: () => BrowserWindow | null): DialogDeps {
  return {
    showOpenDialog: (options) => {
      const win = window();
      return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
    },
    readFile: async (path) => new Uint8Array(await readFile(path)),
    fileSize: async (path) => (await stat(path)).size,
  };
}
