// Printer settings (issue 14 point 2): which printer, which paper, which language, auto-print. Stored
// as one JSON value in the settings table. Validation answers in plain words and never throws.
import { err, ok, type Result } from '../../common/result';
import type { PaperWidth, PrinterSettings, PrinterSettingsInput, PrinterTarget } from '../../common/printing';

export type { PrinterSettings, PrinterSettingsInput, PrinterTarget };


export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = {
  target: { kind: 'none' },
  width: 80,
  locale: 'zh-CN',
  autoPrint: false,
  openDrawer: false,
};

export const PRINTER_SETTINGS_KEY = 'printer';

const bilingual = (zh: string, en: string): string => `${zh} / ${en}`;

/** "host:port" → host and port, or a plain-words error. IPv6 literals go in brackets: [::1]:9100. */
export function parsePrinterAddress(text: string): Result<{ host: string; port: number }> {
  const t = text.trim();
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)):(\d{1,5})$/.exec(t);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 1 && port <= 65535)) {
    return err(
      'INVALID_PAYLOAD',
      bilingual(
        `打印机地址“${t.slice(0, 64)}”无效：请写成 主机:端口，例如 192.168.1.50:9100`,
        `Printer address "${t.slice(0, 64)}" is not valid: write host:port, e.g. 192.168.1.50:9100`,
      ),
    );
  }
  return ok({ host: m[1] ?? m[2]!, port });
}

export function parsePaperWidth(value: unknown): Result<PaperWidth> {
  if (value === 58 || value === 80) return ok(value);
  return err(
    'INVALID_PAYLOAD',
    bilingual(`纸宽 ${String(value).slice(0, 16)} 不支持：只能是 58 或 80 毫米`, `Paper width ${String(value).slice(0, 16)} is not supported: use 58 or 80 mm`),
  );
}


export function validatePrinterSettings(input: PrinterSettingsInput): Result<PrinterSettings> {
  const width = parsePaperWidth(input.width);
  if (!width.ok) return width;
  let target: PrinterTarget;
  if (input.kind === 'network') {
    const a = parsePrinterAddress(input.address ?? '');
    if (!a.ok) return a;
    target = { kind: 'network', ...a.value };
  } else if (input.kind === 'system') {
    const name = (input.deviceName ?? '').trim();
    if (name.length === 0 || name.length > 256) {
      return err('INVALID_PAYLOAD', bilingual('请选择一台系统打印机', 'Choose a system printer'));
    }
    target = { kind: 'system', deviceName: name };
  } else {
    target = { kind: 'none' };
  }
  return ok({ target, width: width.value, locale: input.locale, autoPrint: input.autoPrint, openDrawer: input.openDrawer });
}

/** A stored value that no longer parses falls back to the default (printing off), never a crash. */
export function readPrinterSettings(json: string | null): PrinterSettings {
  if (!json) return DEFAULT_PRINTER_SETTINGS;
  try {
    const v = JSON.parse(json) as PrinterSettings;
    const w = parsePaperWidth(v.width);
    if (!w.ok || !v.target || typeof v.target.kind !== 'string') return DEFAULT_PRINTER_SETTINGS;
    return { ...DEFAULT_PRINTER_SETTINGS, ...v };
  } catch {
    return DEFAULT_PRINTER_SETTINGS;
  }
}
