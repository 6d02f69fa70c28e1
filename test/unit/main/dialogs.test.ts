// The certificate dialog: .p12/.pfx as bytes; PEM as certificate then key; cancel -> null; big files refused.
import type { OpenDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MAX_CERT_FILE_BYTES, pickCertificateWith, type DialogDeps } from '../../../src/main/dialogs';

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
    fileSize: async (path) => {
      const f = files[path];
      return typeof f === 'string' ? f.length : (f?.byteLength ?? 0);
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

  it('refuses a file too large to be a certificate, without reading it', async () => {
    const big = new Uint8Array(MAX_CERT_FILE_BYTES + 1);
    await expect(pickCertificateWith(deps(['/m/huge.p12'], { '/m/huge.p12': big }), 'p12')).rejects.toThrow(/too large/);
  });
});
