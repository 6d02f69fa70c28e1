// Reads a downloadbill body (wxpay-v2.md 4.8): a header line, data lines whose every field starts with
// a backquote, a summary header and one backquoted summary line. CRLF or LF, an optional UTF-8 BOM.
// Bills are unsigned, so the shape is checked strictly and every row must belong to our mch_id.
// The one bill splitter: the client's parseBill collects raw rows; core/reconcile visits rows one at a
// time (scanBill) and types them without holding a second copy of a 100,000-row bill.
import type { BillResult } from './types';

/** Why a bill's shape is refused (stable codes; the line says where). */
export type BillShapeReason = 'empty' | 'no-header' | 'no-backquote' | 'column-count' | 'no-summary' | 'summary-columns' | 'other-merchant';

export class BillFormatError extends Error {
  constructor(
    readonly reason: BillShapeReason,
    /** 1-based line number in the bill text (0 when the bill as a whole is wrong). */
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'BillFormatError';
  }
}

function backquoted(line: string, lineNo: number): string[] {
  if (!line.startsWith('`')) throw new BillFormatError('no-backquote', lineNo, 'field does not start with a backquote');
  return line.slice(1).split(',`');
}

export interface BillVisitor {
  /** Called once, before any row, with the header's column names. */
  header(names: readonly string[]): void;
  /** Called for each detail row in order; lineNo is its 1-based line in the text. */
  row(fields: string[], lineNo: number): void;
}

export interface BillTail {
  readonly summaryHeader: readonly string[];
  readonly summary: readonly string[];
  /** 1-based line numbers of the summary header and the summary line. */
  readonly summaryHeaderLine: number;
  readonly summaryLine: number;
}

/** Checks the shape of a bill and hands each detail row to the visitor. Throws BillFormatError. */
export function scanBill(text: string, visit: BillVisitor, mchId?: string): BillTail {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  // Trailing blank lines (and the final CRLF) are not part of the bill.
  let last = lines.length - 1;
  while (last >= 0 && (lines[last] ?? '').trim() === '') last--;
  const at = (i: number): string => {
    const l = lines[i] ?? '';
    return l.endsWith('\r') ? l.slice(0, -1) : l;
  };
  if (last < 0) throw new BillFormatError('empty', 0, 'the bill is empty');
  const header = at(0).split(',');
  if (header.length < 2 || header.some((h) => h === '' || h.startsWith('`'))) {
    throw new BillFormatError('no-header', 1, 'not a header line');
  }
  // A cut-off bill ends without its summary header + summary line; name the line where the text stops.
  const truncated = (): BillFormatError => new BillFormatError('no-summary', last + 1, 'the bill ends here without its summary header and summary line (truncated?)');
  if (last < 2) throw truncated();
  const summaryHeaderLine = at(last - 1);
  if (summaryHeaderLine.startsWith('`') || !at(last).startsWith('`')) throw truncated();
  const summaryHeader = summaryHeaderLine.split(',');
  const summary = backquoted(at(last), last + 1);
  if (summary.length !== summaryHeader.length) {
    throw new BillFormatError('summary-columns', last + 1, `summary has ${summary.length} fields, its header ${summaryHeader.length}`);
  }
  visit.header(header);
  const mchCol = header.indexOf('商户号');
  for (let i = 1; i < last - 1; i++) {
    const row = backquoted(at(i), i + 1);
    if (row.length !== header.length) {
      throw new BillFormatError('column-count', i + 1, `${row.length} fields, header has ${header.length}`);
    }
    if (mchId !== undefined && mchCol >= 0 && row[mchCol] !== mchId) {
      throw new BillFormatError('other-merchant', i + 1, 'row belongs to another mch_id');
    }
    visit.row(row, i + 1);
  }
  return { summaryHeader, summary, summaryHeaderLine: last, summaryLine: last + 1 };
}

/** The whole bill as raw string rows (the client's answer). Throws BillFormatError. */
export function parseBill(text: string, mchId?: string): BillResult {
  let header: readonly string[] = [];
  const rows: string[][] = [];
  const tail = scanBill(text, { header: (h) => (header = h), row: (r) => rows.push(r) }, mchId);
  return { header, rows, summaryHeader: tail.summaryHeader, summary: tail.summary };
}
