import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { checkLayers } from '../../scripts/layers.mjs';

type Problem = { file: string; spec: string; reason: string };
const check = checkLayers as (root: string) => Problem[];

describe('layer check (architecture.md table)', () => {
  it('the real source tree has no violation', () => {
    const problems = check(process.cwd());
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  });

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
    ];
    it.each(cases)('%s: %s', (file, source, reason) => {
      const problems = plant(file, source + '\nexport {};\n');
      expect(problems.map((p) => p.reason).join('\n')).toMatch(reason);
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
  });
});
