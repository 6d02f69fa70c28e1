// Scanner input (issue 12 point 1): which codes are payment codes, product barcodes or neither (and
// why), and a fast burst ending in Enter/Tab told apart from a person typing by the key times.
import { describe, expect, it } from 'vitest';
import {
  classifyCode,
  createBurstDetector,
  gs1CheckDigitOk,
  scannerTiming,
  SCANNER_GAP_DEFAULT_MS,
  type BurstStep,
} from '../../../src/renderer/src/lib/scanner';

const PAY = '134567890123456789';

/** Types `text` then `end` with `gap` ms between keys; the snapshot of key i is the number i. */
function type(text: string, gap: number | readonly number[], end = 'Enter', timing = scannerTiming()) {
  const d = createBurstDetector<number>(() => timing);
  let at = 1000;
  const steps: BurstStep<number>[] = [];
  const keys = [...text.split(''), end];
  keys.forEach((key, i) => {
    if (i > 0) at += typeof gap === 'number' ? gap : (gap[i - 1] ?? 0);
    steps.push(d.key({ key, modified: false }, at, () => i));
  });
  return steps;
}

const last = <T>(a: readonly T[]): T => a[a.length - 1]!;

describe('classifyCode', () => {
  it('takes 18 digits starting 10-15 as a WeChat payment code', () => {
    for (const p of ['10', '11', '12', '13', '14', '15']) {
      const code = `${p}${'7'.repeat(16)}`;
      expect(classifyCode(code)).toEqual({ kind: 'payment', code });
    }
    expect(classifyCode(' 1345 6789 0123 4567 89 ')).toEqual({ kind: 'payment', code: PAY });
  });

  it('refuses 18 digits outside 10-15, with the reason', () => {
    expect(classifyCode('16' + '0'.repeat(16))).toEqual({ kind: 'invalid', problem: 'notPaymentCode', length: 18 });
    expect(classifyCode('0' + PAY.slice(1))).toEqual({ kind: 'invalid', problem: 'notPaymentCode', length: 18 });
  });

  it('refuses 17 or 19 digits, letters and nothing', () => {
    expect(classifyCode(PAY.slice(1))).toEqual({ kind: 'invalid', problem: 'length', length: 17 });
    expect(classifyCode(PAY + '1')).toEqual({ kind: 'invalid', problem: 'length', length: 19 });
    expect(classifyCode('13456789012345678A')).toEqual({ kind: 'invalid', problem: 'notDigits', length: 18 });
    expect(classifyCode('   ')).toEqual({ kind: 'invalid', problem: 'empty', length: 0 });
  });

  it('knows product barcodes by length and GS1 check digit', () => {
    expect(classifyCode('6901234567892')).toEqual({ kind: 'product', code: '6901234567892', format: 'EAN-13' });
    expect(classifyCode('036000291452')).toEqual({ kind: 'product', code: '036000291452', format: 'UPC-A' });
    expect(classifyCode('96385074')).toEqual({ kind: 'product', code: '96385074', format: 'EAN-8' });
    expect(classifyCode('6901234567893')).toEqual({ kind: 'invalid', problem: 'checkDigit', length: 13 });
    expect(classifyCode('96385075')).toEqual({ kind: 'invalid', problem: 'checkDigit', length: 8 });
  });

  it('computes the GS1 check digit for every last digit exactly once', () => {
    const body = '690123456789';
    const good = [...'0123456789'].filter((d) => gs1CheckDigitOk(body + d));
    expect(good).toEqual(['2']);
  });
});

describe('scannerTiming (the setting)', () => {
  it('defaults to 50 ms average and 5x that as the longest single gap', () => {
    expect(scannerTiming()).toEqual({ averageGapMs: SCANNER_GAP_DEFAULT_MS, maxGapMs: 250 });
    expect(SCANNER_GAP_DEFAULT_MS).toBe(50);
  });
  it('clamps to 5-100 ms and falls back on nonsense', () => {
    expect(scannerTiming(1).averageGapMs).toBe(5);
    expect(scannerTiming(1000).averageGapMs).toBe(100);
    expect(scannerTiming(Number.NaN).averageGapMs).toBe(50);
  });
});

describe('burst detector', () => {
  it('takes 18 digits 5 ms apart + Enter as a scan, and says where the screen was before it', () => {
    const steps = type(PAY, 5);
    expect(steps.slice(0, -1).every((s) => s.type === 'pass')).toBe(true); // the keys themselves go on
    expect(last(steps)).toEqual({ type: 'scan', text: PAY, code: { kind: 'payment', code: PAY }, restore: 0 });
  });

  it('also closes on Tab', () => {
    expect(last(type(PAY, 5, 'Tab'))).toMatchObject({ type: 'scan', code: { kind: 'payment' } });
  });

  it('never takes a person typing the same digits as a scan (100-300 ms a key)', () => {
    for (const gap of [60, 100, 150, 200, 300]) {
      expect(type(PAY, gap).every((s) => s.type === 'pass'), `gap ${gap}`).toBe(true);
    }
    // fast rollover pairs do not make a person a scanner
    const rollover = Array.from({ length: 18 }, (_, i) => (i % 2 === 0 ? 15 : 110));
    expect(type(PAY, rollover).every((s) => s.type === 'pass')).toBe(true);
  });

  it('tolerates one late key in a burst (a busy machine), not a slow burst', () => {
    const gaps = Array.from({ length: 18 }, (_, i) => (i === 9 ? 200 : 30));
    expect(last(type(PAY, gaps))).toMatchObject({ type: 'scan', code: { kind: 'payment' } });
    // > maxGap: the run breaks; the 8 keys after the pause are not a payment code and are never sent
    const broken = Array.from({ length: 18 }, (_, i) => (i === 9 ? 260 : 5));
    const step = last(type(PAY, broken));
    expect(step.type === 'scan' && step.text).toBe(PAY.slice(10));
    expect(step.type === 'scan' && step.code.kind).not.toBe('payment');
  });

  it('keeps a slow first key of a burst (busy machine), leaves out a key typed just before the scan', () => {
    const slowStart = [70, ...Array.from({ length: 16 }, () => 20)];
    expect(last(type(PAY, slowStart))).toMatchObject({ type: 'scan', text: PAY, code: { kind: 'payment' } });
    const gaps = [120, ...Array.from({ length: 18 }, () => 5)];
    const step = last(type('7' + PAY, gaps));
    expect(step).toEqual({ type: 'scan', text: PAY, code: { kind: 'payment', code: PAY }, restore: 1 });
  });

  it('classifies other bursts: product barcode, 17 digits, letters', () => {
    expect(last(type('6901234567892', 5))).toMatchObject({ type: 'scan', code: { kind: 'product', format: 'EAN-13' } });
    expect(last(type(PAY.slice(1), 5))).toMatchObject({ type: 'scan', code: { kind: 'invalid', problem: 'length', length: 17 } });
    expect(last(type('ABC123456789', 5))).toMatchObject({ type: 'scan', code: { kind: 'invalid', problem: 'notDigits' } });
  });

  it('a burst longer than any code is refused by length', () => {
    expect(last(type('1'.repeat(80), 2))).toMatchObject({ type: 'scan', code: { kind: 'invalid', problem: 'length', length: 80 } });
  });

  it('short fast bursts (a price typed quickly) are not scans', () => {
    expect(type('1250', 5).every((s) => s.type === 'pass')).toBe(true);
    expect(type('1234567', 5).every((s) => s.type === 'pass')).toBe(true);
  });

  it('a key that cannot be in a code, a modifier or a late Enter ends the run', () => {
    const d = createBurstDetector<number>(() => scannerTiming());
    let at = 0;
    const feed = (key: string, gap = 5, modified = false) => d.key({ key, modified }, (at += gap), () => at);
    for (const c of PAY.slice(0, 11)) feed(c);
    feed('.');
    for (const c of PAY.slice(11)) feed(c);
    expect(feed('Enter').type).toBe('pass'); // 11 + 7 with a '.' between: the last run is too short
    for (const c of PAY) feed(c);
    expect(feed('Enter', 5, true).type).toBe('pass'); // Ctrl+Enter
    for (const c of PAY) feed(c);
    expect(feed('Enter', 300).type).toBe('pass'); // Enter long after the burst (> maxGap): the cashier's own
    for (const c of PAY) feed(c);
    expect(feed('Shift').type).toBe('pass');
    expect(feed('Enter').type).toBe('scan'); // Shift does not break a burst
  });

  it('follows the setting as it changes', () => {
    let timing = scannerTiming(40);
    const d = createBurstDetector<number>(() => timing);
    const run = (gap: number) => {
      let at = 10_000 * (gap + 1);
      let step: BurstStep<number> = { type: 'pass' };
      for (const k of [...PAY, 'Enter']) step = d.key({ key: k, modified: false }, (at += gap), () => 0);
      return step.type;
    };
    expect(run(60)).toBe('pass');
    timing = scannerTiming(70);
    expect(run(60)).toBe('scan');
  });
});
