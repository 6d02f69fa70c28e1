// Cash as a second tender (issue 13 point 1): a cash sale is a sale row (lines, cashier, mode) with a
// cash tender in the open shift; change = tendered − due; 抹零 takes the fen below the jiao off when the
// setting is on. Cash refunds are recorded against the sale with a manager's approval.
import type { SaleLineInput } from '../../common/api';
import type { CashRefundView, CashSaleView } from '../../common/day';
import { err, ok, type Result } from '../../common/result';
import { priceLines } from '../checkout/charge';
import { insertSale } from '../store/repos/sale-repo';
import { stmt } from '../store/stmt';
import type { DayDeps } from './day-deps';
import { readDaySettings, roundToJiao } from './day-settings';
import { dayText } from './day-texts';
import type { Shifts } from './shifts';

export interface CashTill {
  sale(input: { readonly lines: readonly SaleLineInput[]; readonly tenderedFen: number }): Result<CashSaleView>;
  refund(input: {
    readonly saleId: string;
    readonly amountFen: number;
    readonly reason: string;
    readonly approver: string;
    readonly managerPin: string;
  }): Result<CashRefundView>;
}

export function createCashTill(deps: DayDeps, shifts: Shifts): CashTill {
  const db = deps.store.db;
  return {
    sale({ lines, tenderedFen }) {
      const g = shifts.requireOpenShift();
      if (!g.ok) return g;
      const priced = priceLines(lines);
      if (!priced.ok) return priced;
      const total = priced.value.totalFen;
      const { dueFen, roundingFen } = readDaySettings(db).roundCashToJiao ? roundToJiao(total) : { dueFen: total, roundingFen: 0 };
      if (tenderedFen < dueFen) return err('CASH_TENDER_SHORT', dayText.tenderShort(dueFen, tenderedFen));
      const saleId = deps.ids.id('sale');
      const at = deps.clock.now();
      const mode = deps.mode();
      const cashier = g.value.who.name;
      const changeFen = tenderedFen - dueFen;
      deps.store.transaction(() => {
        insertSale(db, { saleId, tillId: deps.tillId(), cashier, lines: priced.value.lines, totalFen: total, mode, createdAt: at });
        stmt(
          db,
          'INSERT INTO cash_tenders (sale_id, shift_id, mode, due_fen, rounding_fen, tendered_fen, change_fen, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(saleId, g.value.shiftId, mode, dueFen, roundingFen, tenderedFen, changeFen, at);
        deps.store.audit.append({ actor: cashier, action: 'cash.sale', subject: saleId, detail: JSON.stringify({ totalFen: total, dueFen, tenderedFen, changeFen, mode }) });
      });
      return ok({ saleId, totalFen: total, roundingFen, dueFen, tenderedFen, changeFen, paidAt: at, cashier });
    },
    refund({ saleId, amountFen, reason, approver, managerPin }) {
      const g = shifts.requireOpenShift();
      if (!g.ok) return g;
      const sale = stmt(db, 'SELECT due_fen, mode FROM cash_tenders WHERE sale_id = ?').get(saleId) as { due_fen: number; mode: string } | undefined;
      if (!sale || sale.mode !== deps.mode()) return err('NOT_FOUND', dayText.notCashSale);
      const done = (stmt(db, 'SELECT coalesce(sum(amount_fen), 0) AS fen FROM cash_refunds WHERE sale_id = ?').get(saleId) as { fen: number }).fen;
      const left = sale.due_fen - done;
      if (amountFen > left) return err('REFUND_EXCEEDS_REFUNDABLE', dayText.cashRefundTooMuch(left));
      const v = deps.verifyManagerPin(approver, managerPin, 'cash.refund');
      if (!v.ok) return v;
      const id = deps.ids.id('cref');
      const at = deps.clock.now();
      deps.store.transaction(() => {
        stmt(db, 'INSERT INTO cash_refunds (id, sale_id, shift_id, mode, amount_fen, reason, approver, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          id,
          saleId,
          g.value.shiftId,
          deps.mode(),
          amountFen,
          reason,
          approver,
          at,
        );
        deps.store.audit.append({ actor: approver, action: 'cash.refund', subject: saleId, detail: JSON.stringify({ amountFen, reason, by: g.value.who.name }) });
      });
      return ok({ refundId: id, saleId, amountFen, reason, approver, at });
    },
  };
}
