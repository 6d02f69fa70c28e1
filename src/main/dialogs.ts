// The certificate file dialog (settings -> import certificate). Files are chosen and read in main; the
// renderer only ever learns the result of the import, never a path or the bytes.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { CertFile } from '../core/settings/certificate';

/** A merchant .p12 or PEM is a few KB; anything much larger is not a certificate. */
export const MAX_CERT_FILE_BYTES = 64 * 1024;

export interface DialogDeps {
  showOpenDialog(options: OpenDialogOptions): Promise<Pick<OpenDialogReturnValue, 'canceled' | 'filePaths'>>;
  /** The whole file, or CertificateFileError when it is not a regular file or exceeds MAX_CERT_FILE_BYTES. */
  readFile(path: string): Promise<Uint8Array>;
}

export class CertificateFileError extends Error {
  override readonly name = 'CertificateFileError';
}

/**
 * Reads a picked file, bounded. A size from stat() cannot be trusted (a FIFO, /dev/zero or /proc file
 * reports 0 and never ends), so the file is opened once, checked to be a regular file through that same
 * descriptor (no swap between check and read), and read only up to maxBytes + 1: one byte more means refuse.
 * O_NONBLOCK keeps open() itself from waiting forever for a FIFO's writer (no effect on regular files).
 */
export async function readCertificateFile(path: string, maxBytes: number = MAX_CERT_FILE_BYTES): Promise<Uint8Array> {
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  const buf = Buffer.alloc(maxBytes + 1);
  try {
    if (!(await fh.stat()).isFile()) throw new CertificateFileError(`${basename(path)} is not a regular file`);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > maxBytes) throw new CertificateFileError(`${basename(path)} is too large to be a certificate`);
    return new Uint8Array(buf.subarray(0, n)); // a copy: the scratch buffer is wiped below
  } finally {
    buf.fill(0); // private key material does not linger in a buffer nobody owns
    await fh.close();
  }
}

async function pickOne(deps: DialogDeps, title: string, filters: OpenDialogOptions['filters']): Promise<string | null> {
  const answer = await deps.showOpenDialog({ title, filters, properties: ['openFile', 'dontAddToRecent'] });
  const path = answer.filePaths[0];
  return answer.canceled || path === undefined ? null : path;
}

/** p12: one file. pem: the certificate, then its private key; their text is joined for core to pair. */
export async function pickCertificateWith(deps: DialogDeps, format: 'p12' | 'pem'): Promise<CertFile | null> {
  if (format === 'p12') {
    const path = await pickOne(deps, 'Merchant certificate (.p12 / .pfx)', [{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }]);
    if (path === null) return null;
    return { format: 'p12', fileName: basename(path), bytes: await deps.readFile(path) };
  }
  const certPath = await pickOne(deps, 'Merchant certificate (apiclient_cert.pem)', [{ name: 'PEM certificate', extensions: ['pem', 'crt', 'cer'] }]);
  if (certPath === null) return null;
  const keyPath = await pickOne(deps, 'Private key (apiclient_key.pem)', [{ name: 'PEM private key', extensions: ['pem', 'key'] }]);
  if (keyPath === null) return null;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const text = `${decoder.decode(await deps.readFile(certPath)).trim()}\n${decoder.decode(await deps.readFile(keyPath)).trim()}\n`;
  return { format: 'pem', fileName: basename(certPath), text };
}

/** The Electron-backed dependencies: a dialog modal to the till window. */
export function electronDialogDeps(dialog: { showOpenDialog(win: BrowserWindow, o: OpenDialogOptions): Promise<OpenDialogReturnValue>; showOpenDialog(o: OpenDialogOptions): Promise<OpenDialogReturnValue> }, window: () => BrowserWindow | null): DialogDeps {
  return {
    showOpenDialog: (options) => {
      const win = window();
      return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
    },
    readFile: (path) => readCertificateFile(path),
  };
}
