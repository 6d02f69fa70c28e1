// Checklist #18: app:// serves only files inside out/renderer (lexically and after realpath), GET only,
// with the right MIME type and the CSP header on HTML.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAppRequest } from '../../../src/main/app-request';
import { mimeFor, resolveAppPath } from '../../../src/main/app-files';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/csp';
import { memoryLog } from './fakes';

describe('resolveAppPath (lexical)', () => {
  const root = '/srv/app/out/renderer';
  it('maps app://pos paths under the root; / is index.html; query and hash are ignored', () => {
    expect(resolveAppPath(root, 'app://pos/index.html')).toEqual({ ok: true, path: `${root}/index.html` });
    expect(resolveAppPath(root, 'app://pos/')).toEqual({ ok: true, path: `${root}/index.html` });
    expect(resolveAppPath(root, 'app://pos/assets/index-abc.js?v=1#x')).toEqual({ ok: true, path: `${root}/assets/index-abc.js` });
    expect(resolveAppPath(root, 'app://pos/assets/a%20b.png')).toEqual({ ok: true, path: `${root}/assets/a b.png` });
  });

  it.each([
    ['plain traversal (normalised away by the URL parser, stays inside)', 'app://pos/../../etc/passwd', true],
    ['encoded slash traversal', 'app://pos/..%2f..%2fetc%2fpasswd', false],
    ['encoded dots and slash', 'app://pos/%2e%2e%2f%2e%2e%2fetc/passwd', false],
    ['double-encoded', 'app://pos/%252e%252e%252fetc', true], // decodes once to a literal "%2e%2e%2fetc" name: inside
    ['backslash', 'app://pos/..%5c..%5cetc%5cpasswd', false],
    ['NUL', 'app://pos/index.html%00.png', false],
    ['malformed encoding', 'app://pos/%E0%A4%A', false],
    ['other host', 'app://evil/index.html', false],
    ['host with a port', 'app://pos:99/index.html', false],
    ['credentials', 'app://a:b@pos/index.html', false],
    ['other scheme', 'file:///etc/passwd', false],
    ['https', 'https://pos/index.html', false],
  ])('%s', (_name, url, allowed) => {
    const result = resolveAppPath(root, url);
    expect(result.ok).toBe(allowed);
    if (result.ok) expect(result.path.startsWith(`${root}/`)).toBe(true);
  });
});

describe('answerAppRequest (against a real folder)', () => {
  let base: string;
  let root: string;
  const log = memoryLog();
  const get = (url: string, method = 'GET') => answerAppRequest(root, new Request(url, { method }), log);

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'pos-protocol-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>till</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(base, 'secret.txt'), 'merchant key');
    writeFileSync(join(base, 'renderer-sibling.txt'), 'not in the bundle');
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link-out.txt'));
    symlinkSync(base, join(root, 'assets', 'dir-out'));
    symlinkSync(join(root, 'assets', 'app.js'), join(root, 'assets', 'link-in.js'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves index.html with the CSP header, text/html and nosniff', async () => {
    const res = await get('app://pos/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>till</title>');
  });

  it('serves scripts and styles with their MIME types (module scripts need text/javascript)', async () => {
    const js = await get('app://pos/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://pos/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    ['a script', 'app://pos/assets/app.js', 'GET', 200],
    ['a style sheet', 'app://pos/assets/app.css', 'GET', 200],
    ['a symlinked script', 'app://pos/assets/link-in.js', 'GET', 200],
    ['a missing file', 'app://pos/nope.js', 'GET', 404],
    ['a refused path', 'app://pos/assets/link-out.txt', 'GET', 403],
    ['a refused method', 'app://pos/index.html', 'POST', 405],
  ])('sends the CSP header with every response, not only HTML: %s', async (_name, url, method, status) => {
    const res = await get(url, method);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('follows a symlink that stays inside the bundle', async () => {
    expect((await get('app://pos/assets/link-in.js')).status).toBe(200);
  });

  it.each([
    ['a symlink to a file outside', 'app://pos/assets/link-out.txt', 403],
    ['a symlinked directory pointing outside', 'app://pos/assets/dir-out/secret.txt', 403],
    ['encoded traversal to a sibling', 'app://pos/..%2frenderer-sibling.txt', 403],
    ['encoded traversal to the secret', 'app://pos/%2e%2e%2fsecret.txt', 403],
    ['another host', 'app://other/index.html', 403],
    ['a missing file', 'app://pos/nope.js', 404],
    ['a directory', 'app://pos/assets', 404],
  ])('refuses %s', async (_name, url, status) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(await res.text()).not.toContain('merchant key');
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('refuses method %s with 405', async (method) => {
    expect((await get('app://pos/index.html', method)).status).toBe(405);
  });
});

describe('mimeFor', () => {
  it('knows the bundle’s types and falls back to opaque bytes', () => {
    expect(mimeFor('/a/b.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeFor('/a/b.svg')).toBe('image/svg+xml');
    expect(mimeFor('/a/b.woff2')).toBe('font/woff2');
    expect(mimeFor('/a/b')).toBe('application/octet-stream');
    expect(mimeFor('/a/b.exe')).toBe('application/octet-stream');
  });
});

describe('answerAppRequest on the real built renderer (out/renderer, from `npx electron-vite build`)', () => {
  const root = join(process.cwd(), 'out/renderer');
  const built = existsSync(join(root, 'index.html'));
  it.skipIf(!built)('serves index.html and every asset it references, each with a proper type', async () => {
    const log = memoryLog();
    const index = await answerAppRequest(root, new Request('app://pos/'), log);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await index.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, 'bundle references are relative, served from app://pos').toMatch(/^\.\//);
      const res = await answerAppRequest(root, new Request(new URL(ref, 'app://pos/index.html').href), log);
      expect(res.status, ref).toBe(200);
      expect(res.headers.get('content-type'), ref).not.toBe('application/octet-stream');
    }
  });
  if (!built) console.log('real-bundle protocol test skipped: out/renderer not built (run `npx electron-vite build`)');
});
