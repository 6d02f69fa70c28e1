import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { checkLayers } from '../../scripts/layers.mjs';

type Problem = { file: string; spec: string; reason: string };
const check = checkLayers as (root: string) => Problem[];

// ESLint with the project's eslint.config.mjs (no-restricted-imports per layer), the second opinion.
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The ESLint errors for `source` as if it were the file at `file`, one "rule: message" a line. */
async function eslintErrors(file: string, source: string): Promise<string> {
  const [result] = await eslint.lintText(source, { filePath: join(process.cwd(), file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`).join('\n');
}

describe('layer check (architecture.md table)', () => {
  it('the real source tree has no violation', () => {
    const problems = check(process.cwd());
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  });

  it('ESLint (no-restricted-imports per layer) finds no violation in the real source tree', async () => {
    const results = await eslint.lintFiles(['src']);
    expect(results.length).toBeGreaterThan(50); // the config really applies to the tree
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  }, 120_000);

  describe('catches planted violations', () => {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const plant = (file: string, source: string): Problem[] => {
      rmSync(join(root, 'src'), { recursive: true, force: true });
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), source);
      mkdirSync(join(root, 'src/common'), { recursive: true });
      writeFileSync(join(root, 'src/common/api.ts'), 'export const x = 1;\n');
      return check(root);
    };

    const cases: [string, string, RegExp][] = [
      ['src/core/a.ts', "import { app } from 'electron';", /core never imports electron/],
      ['src/sim/a.ts', "import { ipcMain } from 'electron';", /sim never imports electron/],
      ['src/common/b.ts', "import { app } from 'electron';", /common imports nothing outside itself/],
      ['src/common/b.ts', "import { readFileSync } from 'node:fs';", /common imports nothing outside itself/],
      ['src/common/b.ts', "import { z } from 'zod';", /common imports nothing outside itself/],
      ['src/common/b.ts', "import { x } from '../core/x';", /common may not import core/],
      ['src/renderer/src/a.tsx', "import { ipcRenderer } from 'electron';", /renderer never imports electron/],
      ['src/renderer/src/a.tsx', "import fs from 'fs';", /renderer never imports node builtins/],
      ['src/renderer/src/a.tsx', "import { startCore } from '../../core/boot';", /renderer may not import core/],
      ['src/preload/a.ts', "import { join } from 'node:path';", /preload never imports node builtins/],
      ['src/preload/a.ts', "import { openStore } from '../core/store';", /preload may not import core/],
      ['src/sim/a.ts', "import { createEngine } from '../core/checkout';", /sim may import only common and core\/wxpay/],
      ['src/sim/a.ts', "import { createWxPayClient } from '../core/wxpay/client';", /sim may import only sign, xml and types/],
      ['src/core/checkout/a.ts', "import { startSimulator } from '../../sim';", /core may not import sim/],
      ['src/core/settings/a.ts', "import { startSimulator } from '../../sim';", /core may not import sim/],
      ['src/core/a.ts', "import { startCore } from '../host';", /core may not import host/],
      ['src/core/wxpay/a.ts', "import type { CoreHandle } from '../../host/start-core';", /core may not import host/],
      ['src/host/a.ts', "import { app } from 'electron';", /host never imports electron/],
      ['src/host/a.ts', "import { useState } from 'react';", /host never imports react/],
      ['src/host/a.ts', "import { x } from '../main/x';", /host may import only core, sim and common, not main/],
      ['src/host/a.ts', "import { x } from '../renderer/src/x';", /host may import only core, sim and common, not renderer/],
      ['src/main/a.ts', "import { startSimulator } from '../sim';", /main may not import sim/],
      ['src/cli/a.ts', "import { x } from '../main/x';", /cli may not import main/],
      ['src/core/a.ts', "const e = require('electron');", /core never imports electron/],
      ['src/core/a.ts', "const e = await import('electron');", /core never imports electron/],
      ['src/renderer/src/a.tsx', "export { x } from '../../main/x';", /renderer may not import main/],
      // --- issue 16 head office
      ['src/hq/a.ts', "import { app } from 'electron';", /hq never imports electron/],
      ['src/hq/a.ts', "import { startCore } from '../host';", /hq may import only common and core, not host/],
      ['src/hq/web/a.ts', "import { startSimulator } from '../../sim';", /hq may import only common and core, not sim/],
      ['src/core/sync/a.ts', "import { ingestBatch } from '../../hq/ingest';", /core may not import hq/],
    ];
    it.each(cases)('%s: %s', (file, source, reason) => {
      const problems = plant(file, source + '\nexport {};\n');
      expect(problems.map((p) => p.reason).join('\n')).toMatch(reason);
    });

    // no-restricted-imports sees static imports and re-exports; require() and import() are the regex check's.
    const staticCases = cases.filter(([, source]) => !/require\(|import\(/.test(source));
    it.each(staticCases)('ESLint too: %s: %s', async (file, source) => {
      expect(await eslintErrors(file, source + '\nexport {};\n')).toMatch(/no-restricted-imports/);
    });

    it('allowed imports pass', () => {
      expect(plant('src/core/a.ts', "import { x } from '../common/api';\nimport D from 'better-sqlite3';")).toEqual([]);
      expect(plant('src/renderer/src/a.tsx', "import { x } from '../../common/api';\nimport QR from 'qrcode';")).toEqual([]);
      expect(plant('src/preload/a.ts', "import { contextBridge } from 'electron';\nimport type { PosApi } from '../common/api';")).toEqual([]);
      expect(plant('src/sim/a.ts', "import { sign } from '../core/wxpay/sign';")).toEqual([]);
      expect(plant('src/host/a.ts', "import { startSimulator } from '../sim';\nimport { createPosApi } from '../core/api';\nimport { join } from 'node:path';")).toEqual([]);
      expect(plant('src/main/a.ts', "import { startCore } from '../host';\nimport { app } from 'electron';\nimport { redact } from '../core/logger';")).toEqual([]);
      expect(plant('src/cli/a.ts', "import { startCore } from '../host';\nimport { startSimulator } from '../sim';")).toEqual([]);
    });

    it('allowed imports pass ESLint too', async () => {
      const allowed: [string, string][] = [
        ['src/core/a.ts', "import { x } from '../common/api';\nimport D from 'better-sqlite3';"],
        ['src/core/checkout/a.ts', "import { x } from '../../common/api';\nimport { y } from '../settings/sandbox-port';"],
        ['src/renderer/src/a.tsx', "import { x } from '../../common/api';\nimport QR from 'qrcode';"],
        ['src/preload/a.ts', "import { contextBridge } from 'electron';\nimport type { PosApi } from '../common/api';"],
        ['src/sim/a.ts', "import { sign } from '../core/wxpay/sign';"],
        ['src/host/a.ts', "import { startSimulator } from '../sim';\nimport { createPosApi } from '../core/api';\nimport { join } from 'node:path';"],
        ['src/main/a.ts', "import { startCore } from '../host';\nimport { app } from 'electron';\nimport { redact } from '../core/logger';"],
        ['src/cli/a.ts', "import { startCore } from '../host';\nimport { startSimulator } from '../sim';"],
        ['src/hq/a.ts', "import pg from 'pg';\nimport { x } from '../common/hq-sync';\nimport { y } from '../core/store/stmt';"], // --- issue 16
        ['src/cli/a.ts', "import { run } from '../hq/server';"], // --- issue 16: `wxpay-pos hq`
      ];
      for (const [file, source] of allowed) expect(await eslintErrors(file, source), file).toBe('');
    });
  });
});
