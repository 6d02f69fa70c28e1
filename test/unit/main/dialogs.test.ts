// The certificate dialog: .p12/.pfx as bytes; PEM as certificate then key; cancel -> null; big files, FIFOs
// and devices refused, reading at most MAX_CERT_FILE_BYTES + 1 bytes whatever the file claims.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenDialogOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateFileError,
  MAX_CERT_FILE_BYTES,
  electronDialogDeps,
  pickCertificateWith,
  readCertificateFile,
  type DialogDeps,
} from '../../../src/main/dialogs';

function deps(answers: Array<string | null>, files: Record<string, string | Uint8Array>): DialogDeps & { asked: OpenDialogOptions[] } {
  const asked: OpenDialogOptions[] = [];
  return {
    asked,
    showOpenDialog: async (options) => {
      asked.push(options);
      const next = answers.shift() ?? null;
      return next === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [next] };
    },
    readFile: async (path) => {
      const f = files[path];
      if (f === undefined) throw new Error('ENOENT');
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
  };
}

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEYPEM = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

describe('pickCertificateWith', () => {
  it('p12: one dialog filtered to .p12/.pfx, bytes read in main', async () => {
    const d = deps(['/home/m/apiclient_cert.p12'], { '/home/m/apiclient_cert.p12': new Uint8Array([48, 130, 1]) });
    await expect(pickCertificateWith(d, 'p12')).resolves.toEqual({ format: 'p12', fileName: 'apiclient_cert.p12', bytes: new Uint8Array([48, 130, 1]) });
    expect(d.asked).toHaveLength(1);
    expect(d.asked[0]?.filters?.[0]?.extensions).toEqual(['p12', 'pfx']);
    expect(d.asked[0]?.properties).toContain('openFile');
    expect(d.asked[0]?.properties).not.toContain('multiSelections');
  });

  it('pem: certificate first, then key; text carries both blocks', async () => {
    const d = deps(['/m/apiclient_cert.pem', '/m/apiclient_key.pem'], { '/m/apiclient_cert.pem': CERT, '/m/apiclient_key.pem': KEYPEM });
    const file = await pickCertificateWith(d, 'pem');
    expect(file).toMatchObject({ format: 'pem', fileName: 'apiclient_cert.pem' });
    const text = file && file.format === 'pem' ? file.text : '';
    expect(text.indexOf('BEGIN CERTIFICATE')).toBeLessThan(text.indexOf('BEGIN PRIVATE KEY'));
    expect(d.asked.map((o) => o.title)).toEqual(['Merchant certificate (apiclient_cert.pem)', 'Private key (apiclient_key.pem)']);
  });

  it.each([
    ['p12 cancelled', 'p12', [null]],
    ['pem cancelled at the certificate', 'pem', [null]],
    ['pem cancelled at the key', 'pem', ['/m/c.pem', null]],
  ] as const)('%s -> null', async (_n, format, answers) => {
    await expect(pickCertificateWith(deps([...answers], { '/m/c.pem': CERT }), format)).resolves.toBeNull();
  });

  it("a refused file fails the pick with the reader's error", async () => {
    const d = deps(['/m/huge.p12'], {});
    d.readFile = async () => {
      throw new CertificateFileError('huge.p12 is too large to be a certificate');
    };
    await expect(pickCertificateWith(d, 'p12')).rejects.toThrow(/too large/);
  });
});

describe('readCertificateFile (real files)', () => {
  let dir: string;
  const at = (name: string): string => join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dialogs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file up to the limit, exactly', async () => {
    const bytes = Uint8Array.from({ length: MAX_CERT_FILE_BYTES }, (_, i) => i % 251);
    writeFileSync(at('max.p12'), bytes);
    const got = await readCertificateFile(at('max.p12'));
    expect(got.byteLength).toBe(MAX_CERT_FILE_BYTES);
    expect(Buffer.from(got).equals(bytes)).toBe(true);
    writeFileSync(at('small.pem'), 'PEM');
    await expect(readCertificateFile(at('small.pem'))).resolves.toEqual(new TextEncoder().encode('PEM'));
    writeFileSync(at('empty.p12'), '');
    await expect(readCertificateFile(at('empty.p12'))).resolves.toEqual(new Uint8Array(0));
  });

  it('refuses one byte over the limit', async () => {
    writeFileSync(at('over.p12'), new Uint8Array(MAX_CERT_FILE_BYTES + 1));
    await expect(readCertificateFile(at('over.p12'))).rejects.toThrow(CertificateFileError);
    await expect(readCertificateFile(at('over.p12'))).rejects.toThrow(/over\.p12 is too large/);
    await expect(readCertificateFile(at('small.pem'), 2)).rejects.toThrow(/too large/);
  });

  it.skipIf(process.platform === 'win32')('refuses endless or special files that report size 0: /dev/zero, a FIFO, a directory', async () => {
    await expect(readCertificateFile('/dev/zero')).rejects.toThrow(/zero is not a regular file/);
    execFileSync('mkfifo', [at('pipe.p12')]); // no writer: open must not wait for one
    await expect(readCertificateFile(at('pipe.p12'))).rejects.toThrow(/pipe\.p12 is not a regular file/);
    await expect(readCertificateFile(dir)).rejects.toThrow(/not a regular file/);
    symlinkSync('/dev/zero', at('link.p12')); // a link is judged by what it opens
    await expect(readCertificateFile(at('link.p12'))).rejects.toThrow(/not a regular file/);
  });

  it('the Electron deps read through the bounded reader', async () => {
    const d = electronDialogDeps(
      { showOpenDialog: async () => ({ canceled: false, filePaths: [at('over.p12')] }) },
      () => null,
    );
    await expect(pickCertificateWith(d, 'p12')).rejects.toThrow(/too large/);
    await expect(d.readFile(at('small.pem'))).resolves.toEqual(new TextEncoder().encode('PEM'));
  });
});
