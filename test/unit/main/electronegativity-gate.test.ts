// The gate's judgement on SARIF: planted findings fail it, reviewed exceptions pass, a run that did not
// really scan (no tool, no canary) is an error, and the shipped allow-list is well-formed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import * as gate from '../../../scripts/electronegativity-gate.mjs';

interface Finding { rule: string; file: string; line: number; level: string; message: string }
interface Result { total: number; allowed: Finding[]; failing: Finding[]; unusedAllow: unknown[] }
const g = gate as {
  parseAllowList(json: unknown): unknown[];
  evaluate(sarif: unknown, allow: unknown[], opts?: { requireCanary?: boolean }): Result;
  summaryLine(r: Result): string;
  CANARY_FILE: string;
  CANARY_RULE: string;
};

function sarif(results: Array<{ rule: string; file: string; message?: string; level?: string }>, tool = 'Electronegativity') {
  return {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool, rules: [] } },
        results: results.map((r) => ({
          ruleId: r.rule,
          level: r.level ?? 'warning',
          message: { text: r.message ?? 'finding' },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: 3 } } }],
        })),
      },
    ],
  };
}

const allow = g.parseAllowList({
  exceptions: [
    { rule: 'PRELOAD_JS_CHECK', file: 'main/index.js', reason: 'our preload only exposes window.pos (tested)' },
    { rule: 'CSP_GLOBAL_CHECK', file: 'main/index.js', messageIncludes: 'Failed to parse CSP', reason: 'header set from a constant the scanner cannot read' },
  ],
});
const canary = { rule: g.CANARY_RULE, file: g.CANARY_FILE };

describe('electronegativity gate', () => {
  it('fails on a planted finding that is not on the allow-list', () => {
    const result = g.evaluate(sarif([canary, { rule: 'NODE_INTEGRATION_JS_CHECK', file: 'main/index.js' }, { rule: 'PRELOAD_JS_CHECK', file: 'main/index.js' }]), allow, { requireCanary: true });
    expect(result.failing.map((f) => f.rule)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(g.summaryLine(result)).toBe('electronegativity: 2 findings, 1 allowed, 1 failing');
  });

  it('passes when every finding is an allowed exception; the canary is not counted', () => {
    const result = g.evaluate(sarif([canary, { rule: 'PRELOAD_JS_CHECK', file: 'main/index.js' }]), allow, { requireCanary: true });
    expect(result.failing).toEqual([]);
    expect(g.summaryLine(result)).toBe('electronegativity: 1 findings, 1 allowed, 0 failing');
  });

  it('matches exceptions by rule AND file (and message when given), not by rule alone', () => {
    const result = g.evaluate(
      sarif([
        { rule: 'PRELOAD_JS_CHECK', file: 'preload/index.cjs' },
        { rule: 'CSP_GLOBAL_CHECK', file: 'main/index.js', message: 'One or more CSP directives detected seems to be vulnerable' },
        { rule: 'CSP_GLOBAL_CHECK', file: 'main/index.js', message: 'Failed to parse CSP, it may not be valid.' },
      ]),
      allow,
    );
    expect(result.failing.map((f) => `${f.rule} ${f.file}`)).toEqual(['PRELOAD_JS_CHECK preload/index.cjs', 'CSP_GLOBAL_CHECK main/index.js']);
    expect(result.allowed).toHaveLength(1);
  });

  it('file patterns: * matches within one path segment only (content-hashed bundle names)', () => {
    const hashed = g.parseAllowList({ exceptions: [{ rule: 'R', file: 'renderer/assets/index-*.js', reason: 'a reason that is long enough to read' }] });
    const result = g.evaluate(
      sarif([
        { rule: 'R', file: 'renderer/assets/index-CtmqFohh.js' },
        { rule: 'R', file: 'renderer/assets/deeper/index-x.js' },
        { rule: 'R', file: 'renderer/assets/index-x.jsx' },
        { rule: 'R', file: 'main/index.js' },
      ]),
      hashed,
    );
    expect(result.allowed.map((f) => f.file)).toEqual(['renderer/assets/index-CtmqFohh.js']);
    expect(result.failing).toHaveLength(3);
  });

  it('is an error when the SARIF is not an Electronegativity run', () => {
    expect(() => g.evaluate({ runs: [] }, allow)).toThrow(/no runs\[0\]/);
    expect(() => g.evaluate(sarif([], 'SomethingElse'), allow)).toThrow(/not Electronegativity/);
    expect(() => g.evaluate({ runs: [{ results: [] }] }, allow)).toThrow(/not Electronegativity/);
  });

  it('is an error when the planted canary is missing (the scan saw no files or ran no checks)', () => {
    expect(() => g.evaluate(sarif([]), allow, { requireCanary: true })).toThrow(/canary/);
  });

  it('refuses an allow-list entry without a real reason', () => {
    expect(() => g.parseAllowList({ exceptions: [{ rule: 'X', file: 'main/index.js' }] })).toThrow(/reason/);
    expect(() => g.parseAllowList({ exceptions: [{ rule: 'X', file: 'main/index.js', reason: 'ok' }] })).toThrow(/why/);
    expect(() => g.parseAllowList({})).toThrow(/exceptions/);
  });

  it('the shipped allow-list parses, and every entry points at a test or a reason in words', () => {
    const entries = g.parseAllowList(readFileSync('security/electronegativity-allow.json', 'utf8')) as Array<{ reason: string }>;
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.reason.length).toBeGreaterThan(40);
  });
});

// --- issue 11 point 8: a stale allowance fails the gate; the certificate name collisions are gone ---
describe('electronegativity gate: stale allowances', () => {
  const gp = gate as { gatePasses(r: Result): boolean };

  it('fails when an allow-list entry matches no finding, passes when every entry is used', () => {
    const stale = g.evaluate(sarif([canary, { rule: 'PRELOAD_JS_CHECK', file: 'main/index.js' }]), allow, { requireCanary: true });
    expect(stale.failing).toEqual([]);
    expect(stale.unusedAllow).toHaveLength(1);
    expect(gp.gatePasses(stale)).toBe(false);
    const used = g.evaluate(
      sarif([canary, { rule: 'PRELOAD_JS_CHECK', file: 'main/index.js' }, { rule: 'CSP_GLOBAL_CHECK', file: 'main/index.js', message: 'Failed to parse CSP' }]),
      allow,
      { requireCanary: true },
    );
    expect(gp.gatePasses(used)).toBe(true);
  });

  it('the shipped allow-list has no CERTIFICATE_VERIFY_PROC allowance and no call is named importCertificate any more', () => {
    const entries = g.parseAllowList(readFileSync('security/electronegativity-allow.json', 'utf8')) as Array<{ rule: string }>;
    expect(entries.map((e) => e.rule)).not.toContain('CERTIFICATE_VERIFY_PROC_JS_CHECK');
    for (const f of ['src/common/api.ts', 'src/core/api.ts', 'src/preload/bridge.ts', 'src/renderer/src/screens/SettingsScreen.tsx']) {
      expect(readFileSync(f, 'utf8')).not.toMatch(/\.importCertificate\s*\(|'importCertificate'/);
    }
  });
});
