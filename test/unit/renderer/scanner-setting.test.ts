// The scanner's setting (issue 12 point 1): kept by core, default 50 ms, free to change (no manager
// PIN: it decides how keys are read, never what is charged), bounded by the bridge schema.
import { afterEach, describe, expect, it } from 'vitest';
import { posCallSchemas } from '../../../src/core/api-schemas';
import { SCANNER_GAP_DEFAULT_MS, SCANNER_GAP_MAX_MS, SCANNER_GAP_MIN_MS } from '../../../src/common/scanner-limits';
import { settingsRig, type Rig } from '../settings/helpers';

let rig: Rig;
afterEach(() => rig?.cleanup());

describe('scanner setting', () => {
  it('defaults to 50 ms and saves without approval, audited by name', () => {
    rig = settingsRig();
    expect(rig.settings.view().scannerGapMs).toBe(SCANNER_GAP_DEFAULT_MS);
    const r = rig.settings.save({ scannerGapMs: 35 });
    expect(r).toMatchObject({ ok: true, value: { scannerGapMs: 35 } });
    expect(rig.settings.view().scannerGapMs).toBe(35);
    expect(rig.store.audit.recent(5).some((e) => e.action === 'settings.save' && e.detail.includes('scannerGapMs'))).toBe(true);
  });

  it('the bridge refuses values outside 5-100 ms and non-integers', () => {
    const schema = posCallSchemas.saveSettings;
    expect(schema.safeParse({ scannerGapMs: SCANNER_GAP_MIN_MS }).success).toBe(true);
    expect(schema.safeParse({ scannerGapMs: SCANNER_GAP_MAX_MS }).success).toBe(true);
    expect(schema.safeParse({ scannerGapMs: SCANNER_GAP_MIN_MS - 1 }).success).toBe(false);
    expect(schema.safeParse({ scannerGapMs: SCANNER_GAP_MAX_MS + 1 }).success).toBe(false);
    expect(schema.safeParse({ scannerGapMs: 20.5 }).success).toBe(false);
  });
});
