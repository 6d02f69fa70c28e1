// Source rules for the renderer that types cannot express: one bridge module, one money formatter,
// no way out to Node, Electron, core or the network.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'src/renderer';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|html|css)$/.test(name) ? [p] : [];
  });
}

const sources = files(ROOT).map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));
const code = sources.filter((s) => /\.tsx?$/.test(s.path));

describe('renderer source rules', () => {
  it('has sources to check', () => {
    expect(code.length).toBeGreaterThan(15);
  });

  it('only bridge.ts reads window.pos', () => {
    const readers = code.filter((s) => /window\s*as[^;]*\bpos\b|window\.pos\b|globalThis[^;]*\bpos\b/.test(s.text)).map((s) => s.path);
    expect(readers).toEqual(['src/bridge.ts']);
  });

  it('only lib/money.ts formats fen; nothing divides amounts by 100 or uses toFixed', () => {
    expect(code.filter((s) => /\bformatFen\b/.test(s.text)).map((s) => s.path)).toEqual(['src/lib/money.ts']);
    for (const s of code) {
      expect(s.text, s.path).not.toMatch(/toFixed\(|Fen\s*\/\s*100\b|toLocaleString\(/);
    }
  });

  it('imports only common, react, react-dom and qrcode (no node:*, electron, core, sim)', () => {
    for (const s of code) {
      for (const m of s.text.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)) {
        const spec = m[1]!;
        const ok = spec.startsWith('.') ? !/\/(core|sim|main|preload)\//.test(spec) : /^(react|react-dom|react-dom\/client|react\/jsx-runtime|qrcode)$/.test(spec);
        expect(ok, `${s.path} imports ${spec}`).toBe(true);
      }
    }
  });

  it('has one keydown listener on the window (hooks/useKeymap); screens declare bindings', () => {
    const listeners = code.filter((s) => /addEventListener\(\s*['"]key(down|up|press)['"]/.test(s.text)).map((s) => s.path);
    expect(listeners).toEqual(['src/hooks/useKeymap.ts']);
  });

  it('passes callbacks down, never a raw state setter', () => {
    for (const s of code) {
      expect(s.text, s.path).not.toMatch(/\bset[A-Z]\w*=\{set[A-Z]\w*\}|Dispatch<\s*SetStateAction/);
    }
  });

  it('the payment screen reads the payment only through the payment store (no poll beside the events)', () => {
    const readers = code.filter((s) => /\bgetPayment\s*\(/.test(s.text)).map((s) => s.path);
    expect(readers.sort()).toEqual(['src/hooks/usePayment.ts', 'src/lib/payment-store.ts']);
  });

  it('makes no network calls and injects no inline styles or scripts', () => {
    for (const s of code) expect(s.text, s.path).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource|dangerouslySetInnerHTML|innerHTML\s*=/);
    const html = sources.find((s) => s.path === 'index.html')?.text ?? '';
    expect(html).toContain(
      `content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; font-src 'self'; base-uri 'none'; form-action 'none'"`,
    );
    expect(html).not.toMatch(/<style|style=|<script>(?!<)/);
  });
});
