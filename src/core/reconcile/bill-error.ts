// Why a bill is refused, in plain words (zh-CN and English), with the line it happened on. A refused
// bill yields nothing: the caller stores no partial result.
import type { BillShapeReason } from '../wxpay/bill';
import type { AmountProblem } from './yuan';

export type BillErrorReason =
  | BillShapeReason
  | 'unknown-layout'
  | 'bad-time'
  | 'bad-amount'
  | 'bad-summary'
  | 'summary-mismatch'
  | 'not-utf8';

export interface BillError {
  readonly kind: 'bill-refused';
  readonly reason: BillErrorReason;
  /** 1-based line in the bill (0: the bill as a whole). */
  readonly line: number;
  readonly message: string;
  readonly messageZh: string;
}

const AMOUNT_EN: Record<AmountProblem, string> = {
  'not-decimal': 'is not a decimal amount',
  'too-many-decimals': 'has more decimals than allowed',
  negative: 'is negative where it may not be',
  'too-large': 'is too large',
};
const AMOUNT_ZH: Record<AmountProblem, string> = {
  'not-decimal': '不是十进制金额',
  'too-many-decimals': '小数位数过多',
  negative: '此处不允许为负数',
  'too-large': '金额过大',
};

export function billError(reason: BillErrorReason, line: number, en: string, zh: string): BillError {
  const at = line > 0 ? `line ${line}: ` : '';
  const atZh = line > 0 ? `第 ${line} 行：` : '';
  return { kind: 'bill-refused', reason, line, message: `Bill refused — ${at}${en}`, messageZh: `对账单无法使用——${atZh}${zh}` };
}

export function amountError(line: number, column: string, text: string, problem: AmountProblem): BillError {
  return billError('bad-amount', line, `${column} "${text}" ${AMOUNT_EN[problem]}`, `${column}“${text}”${AMOUNT_ZH[problem]}`);
}

const SHAPE_ZH: Record<BillShapeReason, string> = {
  empty: '对账单为空',
  'no-header': '缺少表头行',
  'no-backquote': '字段没有以反引号 ` 开头',
  'column-count': '列数与表头不符',
  'no-summary': '缺少汇总行（文件可能被截断）',
  'summary-columns': '汇总行列数与汇总表头不符',
  'other-merchant': '该行属于其他商户号',
};

export function shapeError(reason: BillShapeReason, line: number, en: string): BillError {
  return billError(reason, line, en.replace(/^line \d+: /, ''), SHAPE_ZH[reason]);
}
