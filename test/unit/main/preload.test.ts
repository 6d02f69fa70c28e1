// Checklist #20 at the preload entry: one contextBridge exposure, named 'pos', of the bridge object, and
// the preload sources import nothing but electron (entry only) and src/common.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POS_CALLS } from '../../../src/common/api';

const exposed: Array<[string, unknown]> = [];
const fakeIpc = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() };

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
  ipcRenderer: fakeIpc,
}));

describe('src/preload/index.ts', () => {
  beforeEach(() => {
    exposed.length = 0;
    vi.resetModules();
  });

  it('exposes exactly one global, window.pos, with only the PosApi functions', async () => {
    await import('../../../src/preload/index');
    expect(exposed.map(([key]) => key)).toEqual(['pos']);
    const api = exposed[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...POS_CALLS, 'on'].sort());
    // No raw Electron object leaks: no value is ipcRenderer or one of its methods.
    for (const value of Object.values(api)) {
      expect(value).not.toBe(fakeIpc);
      expect(Object.values(fakeIpc)).not.toContain(value);
    }
  });
});

describe('preload imports', () => {
  const dir = join(process.cwd(), 'src/preload');
  const importsOf = (file: string): string[] => [...readFileSync(join(dir, file), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

  it('bridge.ts imports neither electron nor node builtins (the contract test loads it directly)', () => {
    expect(importsOf('bridge.ts').every((spec) => spec === '../common/api')).toBe(true);
  });

  it('every preload file imports only electron and src/common', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const spec of importsOf(file)) expect(spec === 'electron' || spec.startsWith('../common/') || spec.startsWith('./'), `${file}: ${spec}`).toBe(true);
    }
  });

  it('index.ts exposes the bridge and nothing else (no ipcRenderer passed to the page)', () => {
    const text = readFileSync(join(dir, 'index.ts'), 'utf8');
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(text).toMatch(/exposeInMainWorld\('pos', buildPosBridge\(ipcRenderer\)\)/);
  });
});

describe('built preload bundle (out/preload/index.cjs, from `npx electron-vite build`)', () => {
  const bundle = join(process.cwd(), 'out/preload/index.cjs');
  const built = existsSync(bundle);
  it.skipIf(!built)('is CommonJS and requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const text = readFileSync(bundle, 'utf8');
    const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
  });
  if (!built) console.log('preload bundle test skipped: out/preload/index.cjs not built (run `npx electron-vite build`)');
});
