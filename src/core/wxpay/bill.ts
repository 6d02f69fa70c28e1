// Parses a downloadbill body (wxpay-v2.md 4.8): a header line, data lines whose every field starts with
// a backquote, a summary header and one backquoted summary line. CRLF or LF. Bills are unsigned, so the
// client checks the shape strictly and that every row belongs to our mch_id.
import type { BillResult } from './types';

export class BillFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BillFormatError';
  }
}

function backquoted(line: string, lineNo: number): string[] {
  if (!line.startsWith('`')) throw new BillFormatError(`line ${lineNo}: field does not start with a backquote`);
  return line.slice(1).split(',`');
}

export function parseBill(text: string, mchId?: string): BillResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  if (lines.length < 3) throw new BillFormatError('a bill has at least a header, a summary header and a summary line');
  const header = (lines[0] ?? '').split(',');
  if (header.length < 2 || header.some((h) => h === '' || h.startsWith('`'))) {
    throw new BillFormatError('line 1: not a header line');
  }
  const summary = backquoted(lines[lines.length - 1] ?? '', lines.length);
  const summaryHeaderLine = lines[lines.length - 2] ?? '';
  if (summaryHeaderLine.startsWith('`')) throw new BillFormatError('no summary header line');
  const summaryHeader = summaryHeaderLine.split(',');
  if (summary.length !== summaryHeader.length) {
    throw new BillFormatError(`summary has ${summary.length} fields, its header ${summaryHeader.length}`);
  }
  const mchCol = header.indexOf('商户号');
  const rows: string[][] = [];
  for (let i = 1; i < lines.length - 2; i++) {
    const row = backquoted(lines[i] ?? '', i + 1);
    if (row.length !== header.length) {
      throw new BillFormatError(`line ${i + 1}: ${row.length} fields, header has ${header.length}`);
    }
    if (mchId !== undefined && mchCol >= 0 && row[mchCol] !== mchId) {
      throw new BillFormatError(`line ${i + 1}: row belongs to another mch_id`);
    }
    rows.push(row);
  }
  return { header, rows, summaryHeader, summary };
}
