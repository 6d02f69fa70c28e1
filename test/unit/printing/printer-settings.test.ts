// Issue 14, bad input: a printer address that is not host:port and a width other than 58/80 each get
// plain words in both languages; a stored value that no longer parses turns printing off, never crashes.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRINTER_SETTINGS,
  parsePaperWidth,
  parsePrinterAddress,
  readPrinterSettings,
  validatePrinterSettings,
} from '../../../src/core/printing/printer-settings';
import { faultWords, PRINT_FAULT_KINDS } from '../../../src/core/printing/print-faults';

describe('printer settings', () => {
  it.each([
    ['192.168.1.50:9100', { host: '192.168.1.50', port: 9100 }],
    ['printer.local:9100', { host: 'printer.local', port: 9100 }],
    ['  [::1]:9100 ', { host: '::1', port: 9100 }],
  ])('accepts %s', (text, want) => {
    expect(parsePrinterAddress(text)).toEqual({ ok: true, value: want });
  });

  it.each(['192.168.1.50', '192.168.1.50:', ':9100', '192.168.1.50:0', '192.168.1.50:70000', 'http://x:9100', 'a b:9100', ''])(
    'refuses %j in plain words, zh-CN and English',
    (text) => {
      const r = parsePrinterAddress(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('INVALID_PAYLOAD');
        expect(r.message).toMatch(/主机:端口/);
        expect(r.message).toMatch(/host:port/);
      }
    },
  );

  it.each([57, 76, 0, '80', null])('refuses paper width %j', (w) => {
    const r = parsePaperWidth(w);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/58 或 80.*58 or 80/);
  });

  it('validates a whole settings form', () => {
    expect(validatePrinterSettings({ kind: 'network', address: '10.0.0.9:9100', width: 58, locale: 'en', autoPrint: true, openDrawer: false })).toEqual({
      ok: true,
      value: { target: { kind: 'network', host: '10.0.0.9', port: 9100 }, width: 58, locale: 'en', autoPrint: true, openDrawer: false },
    });
    expect(validatePrinterSettings({ kind: 'network', address: 'nonsense', width: 58, locale: 'en', autoPrint: true, openDrawer: false }).ok).toBe(false);
    expect(validatePrinterSettings({ kind: 'system', deviceName: ' ', width: 80, locale: 'en', autoPrint: true, openDrawer: false }).ok).toBe(false);
  });

  it('a corrupt stored value means printing off', () => {
    expect(readPrinterSettings('{not json')).toEqual(DEFAULT_PRINTER_SETTINGS);
    expect(readPrinterSettings(JSON.stringify({ target: { kind: 'none' }, width: 57 }))).toEqual(DEFAULT_PRINTER_SETTINGS);
    expect(readPrinterSettings(null)).toEqual(DEFAULT_PRINTER_SETTINGS);
  });

  it('every fault kind has words in both languages', () => {
    for (const k of PRINT_FAULT_KINDS) {
      expect(faultWords(k, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(faultWords(k, 'en')).toMatch(/[a-z]/);
    }
  });
});
