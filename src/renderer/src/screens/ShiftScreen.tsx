// Issue 13 point 2: the shift (交班). Open with a float; pay-ins/outs with a reason; close by counting
// the drawer with the denomination counter (¥100 … ¥0.1): expected vs counted and the difference
// (长短款), a manager's name and PIN when it is above the limit. Bad input is said in plain words and
// nothing typed is lost.
import { useCallback, useEffect, useState } from 'react';
import { CASH_DENOMINATIONS_FEN, type CashCountLine, type ShiftMoveKind, type ShiftState, type ShiftView } from '../../../common/day';
import { call, pos } from '../bridge';
import { CashSalesList } from '../components/CashSalesList';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { approvalError } from '../components/approval-error';
import { Money } from '../components/Money';
import { PrintSlipButton } from '../components/PrintSlipButton';
import { useI18n } from '../i18n/i18n-context';
import { money, parseMoney } from '../lib/money';
import { secondApprover } from '../lib/second-approver';
import { dateTime } from '../lib/time';

const denomLabel = (fen: number): string => (fen >= 100 ? `¥${fen / 100}` : `¥0.${fen / 10}`);

export function ShiftScreen() {
  const { t } = useI18n();
  const [state, setState] = useState<ShiftState | null>(null);
  const [closed, setClosed] = useState<ShiftView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [floatText, setFloatText] = useState('');
  const [moveKind, setMoveKind] = useState<ShiftMoveKind>('PAY_OUT');
  const [moveText, setMoveText] = useState('');
  const [reason, setReason] = useState('');
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [needsManager, setNeedsManager] = useState(false);
  const [approver, setApprover] = useState('');
  const [pin, setPin] = useState('');
  // issue 11: a signed-in manager accepts the difference themselves (on purpose); a cashier needs another manager
  const [accept, setAccept] = useState(false);
  const [isManager, setIsManager] = useState(false);
  useEffect(() => {
    if (!needsManager) return;
    void call(() => pos.getStaffSession()).then((s) => setIsManager(s.ok && s.value.signedIn !== null && s.value.signedIn.role !== 'cashier'));
  }, [needsManager]);

  const load = useCallback(async () => {
    const r = await call(() => pos.getShift());
    if (!r.ok) return setError(r);
    setState(r.value);
  }, []);
  useEffect(() => void load(), [load]);

  const openShift = async () => {
    const floatFen = parseMoney(floatText);
    if (floatFen === null) return setError(localError('shift.badFloat'));
    const r = await call(() => pos.openShift({ floatFen }));
    if (!r.ok) return setError(r);
    setError(null);
    setClosed(null);
    setFloatText('');
    await load();
  };

  const recordMove = async () => {
    const amountFen = parseMoney(moveText);
    if (amountFen === null || amountFen <= 0) return setError(localError('shift.badAmount'));
    if (!reason.trim()) return setError(localError('shift.needReason'));
    const r = await call(() => pos.moveShiftCash({ kind: moveKind, amountFen, reason: reason.trim() }));
    if (!r.ok) return setError(r);
    setError(null);
    setMoveText('');
    setReason('');
    await load();
  };

  // Every count field must be digits (or empty = 0); a letter is refused before anything is sent.
  const countLines = (): CashCountLine[] | null => {
    const lines: CashCountLine[] = [];
    for (const d of CASH_DENOMINATIONS_FEN) {
      const text = (counts[d] ?? '').trim();
      if (text === '') continue;
      if (!/^\d{1,6}$/.test(text)) return null;
      lines.push({ denominationFen: d, pieces: Number(text) });
    }
    return lines;
  };
  const lines = countLines();
  const counted = lines ? lines.reduce((s, l) => s + l.denominationFen * l.pieces, 0) : null;

  const closeShift = async () => {
    if (!lines) return setError(localError('shift.badCount'));
    // Above the limit: the signed-in manager accepts, or another manager by name and PIN (issue 11).
    const second = needsManager && !accept && pin ? await secondApprover(approver, pin) : null;
    if (second === 'unknown') return setError(localError('staff.unknownName'));
    const r = await call(() => pos.closeShift({ counts: lines, ...(needsManager && accept ? { acceptDifference: true } : {}), ...(second ? { secondApprover: second } : {}) }));
    setPin('');
    if (!r.ok) {
      if (r.code === 'SHIFT_DIFF_NEEDS_MANAGER') setNeedsManager(true);
      return setError(approvalError(r));
    }
    setError(null);
    setNeedsManager(false);
    setCounts({});
    setClosed(r.value);
    await load();
  };

  const open = state?.open ?? null;
  const diff = open && counted !== null ? counted - open.expectedFen : null;
  return (
    <div className="shift" data-testid="shift-screen">
      <h2>{t('shift.title')}</h2>
      <ErrorLine error={error} />
      {closed ? (
        <section className="shift-closed" data-testid="shift-closed">
          <h3>{t('shift.closed')}</h3>
          <p>
            {t('shift.expected')} <Money fen={closed.expectedFen} /> · {t('shift.counted')} <Money fen={closed.countedFen ?? 0} /> · {t('shift.diff')}{' '}
            <Money fen={closed.diffFen ?? 0} testId="shift-closed-diff" />
            {closed.acceptedBy ? ` · ${t('shift.acceptedBy')} ${closed.acceptedBy}` : ''}
          </p>
          <PrintSlipButton testId="shift-print" print={() => pos.printShiftClose({ shiftId: closed.shiftId })} />
        </section>
      ) : null}
      {!open ? (
        <section data-testid="shift-none">
          <p>{t('shift.none')}</p>
          <label>
            {t('shift.float')}
            <input data-testid="shift-float" inputMode="decimal" value={floatText} onChange={(e) => setFloatText(e.target.value)} />
          </label>
          <button type="button" className="btn btn-primary" data-testid="shift-open" onClick={() => void openShift()}>
            {t('shift.open')}
          </button>
        </section>
      ) : (
        <>
          <section className="shift-summary" data-testid="shift-open-summary">
            <p>
              {t('shift.openedBy')} {open.openedBy} · {t('shift.openedAt')} {dateTime(open.openedAt)}
            </p>
            <table className="lines">
              <tbody>
                <tr>
                  <td>{t('shift.float')}</td>
                  <td className="num"><Money fen={open.floatFen} /></td>
                </tr>
                <tr>
                  <td>{t('shift.cashSales')}</td>
                  <td className="num"><Money fen={open.cashSalesFen} /></td>
                </tr>
                <tr>
                  <td>{t('shift.cashRefunds')}</td>
                  <td className="num"><Money fen={-open.cashRefundsFen} /></td>
                </tr>
                <tr>
                  <td>{t('shift.payIn')}</td>
                  <td className="num"><Money fen={open.payInFen} /></td>
                </tr>
                <tr>
                  <td>{t('shift.payOut')}</td>
                  <td className="num"><Money fen={-open.payOutFen} /></td>
                </tr>
                <tr>
                  <th>{t('shift.expected')}</th>
                  <th className="num"><Money fen={open.expectedFen} testId="shift-expected" /></th>
                </tr>
              </tbody>
            </table>
          </section>
          <CashSalesList sales={state?.cashSales ?? []} onChanged={() => void load()} />
          <section className="shift-move">
            <h3>{t('shift.moves')}</h3>
            <ul>
              {open.moves.map((m) => (
                <li key={m.moveId} data-testid="shift-move">
                  {m.kind === 'PAY_IN' ? t('shift.payIn') : t('shift.payOut')} {money(m.amountFen)} · {m.reason} · {m.by}
                </li>
              ))}
            </ul>
            <label>
              {t('shift.moveKind')}
              <select data-testid="move-kind" value={moveKind} onChange={(e) => setMoveKind(e.target.value as ShiftMoveKind)}>
                <option value="PAY_IN">{t('shift.payIn')}</option>
                <option value="PAY_OUT">{t('shift.payOut')}</option>
              </select>
            </label>
            <label>
              {t('shift.amount')}
              <input data-testid="move-amount" inputMode="decimal" value={moveText} onChange={(e) => setMoveText(e.target.value)} />
            </label>
            <label>
              {t('shift.reason')}
              <input data-testid="move-reason" maxLength={80} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="button" className="btn" data-testid="move-record" onClick={() => void recordMove()}>
              {t('shift.record')}
            </button>
          </section>
          <section className="shift-count">
            <h3>{t('shift.count')}</h3>
            <table className="lines">
              <tbody>
                {CASH_DENOMINATIONS_FEN.map((d) => (
                  <tr key={d}>
                    <td>{denomLabel(d)}</td>
                    <td>
                      <input
                        data-testid={`count-${d}`}
                        inputMode="numeric"
                        aria-label={`${denomLabel(d)} ${t('shift.pieces')}`}
                        value={counts[d] ?? ''}
                        onChange={(e) => setCounts((c) => ({ ...c, [d]: e.target.value }))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {lines === null ? <ErrorLine error={localError('shift.badCount')} /> : null}
            <p className="shift-totals">
              {t('shift.expected')} <Money fen={open.expectedFen} /> · {t('shift.counted')}{' '}
              {counted !== null ? <Money fen={counted} testId="shift-counted" /> : '—'} · {t('shift.diff')}{' '}
              {diff !== null ? (
                <span data-testid="shift-diff" className={diff === 0 ? '' : 'error'}>
                  {money(diff)} {diff > 0 ? t('shift.over') : diff < 0 ? t('shift.short') : ''}
                </span>
              ) : (
                '—'
              )}
            </p>
            {state && state.unresolved > 0 ? <p className="error">{t('shift.unresolved', { n: state.unresolved })}</p> : null}
            {needsManager && diff !== null ? (
              <div className="manager" data-testid="shift-manager">
                <p>{t('shift.needsManager', { diff: money(diff), limit: money(state?.diffLimitFen ?? 0) })}</p>
                {isManager ? (
                  <label>
                    <input type="checkbox" data-testid="shift-accept" checked={accept} onChange={(e) => setAccept(e.target.checked)} />
                    {t('shift.acceptDiff')}
                  </label>
                ) : null}
                <label>
                  {t('shift.approver')}
                  <input data-testid="shift-approver" value={approver} onChange={(e) => setApprover(e.target.value)} />
                </label>
                <label>
                  {t('shift.pin')}
                  <input data-testid="shift-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} />
                </label>
              </div>
            ) : null}
            <button type="button" className="btn btn-primary" data-testid="shift-close" onClick={() => void closeShift()}>
              {t('shift.close')}
            </button>
          </section>
        </>
      )}
    </div>
  );
}
