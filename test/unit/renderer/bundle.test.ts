// The shipped renderer bundle (issue 9.10): minified, without source maps, and its size printed.
// Reads out/renderer as `npx electron-vite build` left it (`npm test` builds first).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ASSETS = join(process.cwd(), 'out/renderer/assets');
const built = existsSync(ASSETS);

describe('renderer bundle (out/renderer)', () => {
  if (!built) console.log('renderer bundle test skipped: out/renderer not built (run `npx electron-vite build`)');

  it.skipIf(!built)('is minified and carries no source maps', () => {
    const files = readdirSync(ASSETS);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of [...scripts, ...files.filter((x) => x.endsWith('.css'))]) {
      const bytes = readFileSync(join(ASSETS, f));
      const text = bytes.toString('utf8');
      expect(text, f).not.toMatch(/sourceMappingURL/);
      // unminified output has a line per statement (the unminified bundle: ~1 line per 40 bytes)
      const bytesPerLine = text.length / text.split('\n').length;
      expect(bytesPerLine, `${f}: ${bytesPerLine.toFixed(0)} bytes per line`).toBeGreaterThan(1000);
      console.log(`renderer bundle ${f}: ${bytes.length} bytes, ${gzipSync(bytes, { level: 9 }).length} gzip`);
    }
  });
});
