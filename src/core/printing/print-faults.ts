// Why a slip did not print, in plain words (zh-CN and English). A fault never touches a payment: the
// sale is committed before its slip is queued, and the job only waits for a retry.
import type { Locale } from '../../common/api';
import type { PrintFaultKind } from '../../common/printing';

export type { PrintFaultKind };


export interface PrintFault {
  readonly kind: PrintFaultKind;
  /** Technical detail for the log (never shown as the main message). */
  readonly detail: string;
}

const WORDS: Record<PrintFaultKind, Record<Locale, string>> = {
  offline: { 'zh-CN': '打印机离线：请检查电源、网线和地址', en: 'Printer offline: check its power, cable and address' },
  paper_out: { 'zh-CN': '打印机缺纸：请装纸，小票会自动重打', en: 'Printer out of paper: load paper, the slip prints again by itself' },
  cover_open: { 'zh-CN': '打印机异常：请检查纸仓盖', en: 'Printer not ready: check the paper cover' },
  no_answer: { 'zh-CN': '打印机无响应：请重启打印机', en: 'The printer does not answer: restart it' },
  garbage: {
    'zh-CN': '该地址的设备不是小票打印机（回应无法识别）',
    en: 'The device at this address is not a receipt printer (unrecognised answer)',
  },
  not_configured: { 'zh-CN': '未设置打印机：请在设置中选择', en: 'No printer set up: choose one in Settings' },
  system_printer: { 'zh-CN': '系统打印机打印失败', en: 'The system printer did not print' },
};

export function faultWords(kind: PrintFaultKind, locale: Locale): string {
  return WORDS[kind][locale];
}

export const PRINT_FAULT_KINDS = Object.keys(WORDS) as PrintFaultKind[];
