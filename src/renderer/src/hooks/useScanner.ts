// The barcode scanner on a screen (issue 12 point 1): watches every key press through the one keyboard
// listener (useKeymap's watcher) and hands a recognised burst to the screen. The rules and thresholds are
// in lib/scanner.ts; the till's setting (scannerGapMs) is read when a scanning screen mounts.
import { useEffect, useMemo, useRef } from 'react';
import { call, pos } from '../bridge';
import { createBurstDetector, scannerTiming, type CodeClass, type ScannerTiming } from '../lib/scanner';
import { useKeyWatcher } from './useKeymap';

/** The thresholds in force: the default until the setting is read. */
let timing: ScannerTiming = scannerTiming();

/** Reads the setting again (a screen that scans mounts; Settings saved a new value). */
export function refreshScannerTiming(): void {
  void call(() => pos.getSettings()).then((r) => {
    if (!r.ok) return;
    if (r.value.scannerGapMs !== undefined) timing = scannerTiming(r.value.scannerGapMs);
  });
}

export interface Scan<S> {
  readonly code: CodeClass;
  /** What was scanned, as typed (for messages). */
  readonly text: string;
  /** The screen just before the burst's first key (the caller has already been asked to restore it). */
  readonly before: S;
}

export interface ScannerOptions<S> {
  /** Off while a dialog has the keyboard: keys are then not watched at all. */
  readonly enabled: boolean;
  /** What the screen looks like now (called before each key that may belong to a code). */
  readonly capture: () => S;
  /** Puts the screen back as it was before the burst: its keys reached the fields as typed. */
  readonly restore: (before: S) => void;
  readonly onScan: (scan: Scan<S>) => void;
}

export function useScanner<S>(opts: ScannerOptions<S>): void {
  const latest = useRef(opts);
  latest.current = opts;
  const detector = useMemo(() => createBurstDetector<S>(() => timing), []);
  useEffect(() => refreshScannerTiming(), []);
  useEffect(() => {
    if (!opts.enabled) detector.reset();
  }, [opts.enabled, detector]);
  useKeyWatcher((press, at) => {
    const o = latest.current;
    if (!o.enabled) return false;
    const step = detector.key(press, at, o.capture);
    if (step.type === 'pass') return false;
    o.restore(step.restore);
    o.onScan({ code: step.code, text: step.text, before: step.restore });
    return true; // the closing Enter/Tab does nothing else (no Charge, no focus move)
  });
}
