// A receipt from history: the receipt, its refunds, and the refund form with live progress.
import { useCallback, useEffect, useState } from 'react';
import type { ReceiptDetail, RefundStatus, RefundView } from '../../../common/api';
import { call, pos, usePosEvent } from '../bridge';
import { ChangeHandledForm } from '../components/ChangeHandledForm';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { approvalError } from '../components/approval-error';
import { Money } from '../components/Money';
import { ReprintButton } from '../components/ReprintButton'; // issue 14
import { ReceiptCard } from '../components/ReceiptCard';
import { useI18n } from '../i18n/i18n-context';
import { money, moneyInput, parseMoney } from '../lib/money';
import { checkRefund, type RefundForm } from '../lib/refund-form';
import { secondApprover } from '../lib/second-approver';
import { dateTime } from '../lib/time';
import { MANAGER_PIN_MAX_CHARS, PERSON_NAME_MAX_CHARS, REFUND_REASON_MAX_CHARS } from '../../../common/text-limits';
// --- issue 13.1 split tender (i13-split): a split sale's parts are refunded each its own way ---
import type { SplitRefundPart } from '../../../common/split-tender';
import { SplitPartsTag } from '../components/SplitPartsTag';

interface Props {
  readonly saleId: string;
  readonly onClose: () => void;
  readonly onRefunded: () => void;
}

const FINAL_REFUND: readonly RefundStatus[] = ['refunded', 'closed', 'change', 'failed', 'not_accepted', 'change_handled'];

export function ReceiptDetailPanel({ saleId, onClose, onRefunded }: Props) {
  const { t } = useI18n();
  const [detail, setDetail] = useState<ReceiptDetail | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [form, setForm] = useState<RefundForm>({ amount: '', reason: '', approver: '', pin: '' });
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<RefundView | null>(null);
  const [part, setPart] = useState<SplitRefundPart>('WECHAT'); // issue 13.1: the WeChat part by default
  // issue 11: the second manager's fields appear only when the amount needs them (the form stays short
  // enough for its confirm button to stay in view at 1024x768)
  const [secondAbove, setSecondAbove] = useState<number | null>(null);
  useEffect(() => {
    void call(() => pos.getStaffSession()).then((s) => setSecondAbove(s.ok ? s.value.policy.secondApprovalAboveFen : null));
  }, []);
  const typedFen = parseMoney(form.amount);
  const needsSecond = secondAbove === null || typedFen === null || typedFen > secondAbove || form.approver !== '' || form.pin !== '';

  const load = useCallback(async () => {
    const r = await call(() => pos.getReceipt({ saleId }));
    if (!r.ok) return setError(r);
    setDetail(r.value);
    // a refund's final state may have been committed before its event reached us
    setCurrent((cur) => (cur ? (r.value.refunds.find((x) => x.refundId === cur.refundId) ?? cur) : cur));
    return r.value;
  }, [saleId]);

  useEffect(() => {
    setDetail(null);
    setFormOpen(false);
    setCurrent(null);
    setError(null);
    void load();
  }, [load]);

  usePosEvent('refund', (r) => {
    if (r.saleId !== saleId) return;
    setCurrent((cur) => (cur && cur.refundId === r.refundId ? r : cur));
    if (FINAL_REFUND.includes(r.status)) {
      void load();
      onRefunded();
    }
  });

  // issue 13.1: what the chosen part can still give back (core checks the same limit again)
  const partMax = (d: ReceiptDetail, p: SplitRefundPart): number => (p === 'CASH' && d.split ? d.split.cashRefundableFen : d.refundableFen);
  const anyRefundable = detail ? detail.refundableFen > 0 || (detail.split?.cashRefundableFen ?? 0) > 0 : false;

  const openForm = (): void => {
    if (!detail) return;
    const p: SplitRefundPart = detail.refundableFen > 0 || !detail.split ? 'WECHAT' : 'CASH';
    setPart(p);
    setForm({ amount: moneyInput(partMax(detail, p)), reason: t('refund.defaultReason'), approver: form.approver, pin: '' });
    setCurrent(null);
    setError(null);
    setFormOpen(true);
  };

  const submit = async (): Promise<void> => {
    if (!detail || busy) return;
    const c = checkRefund(form, partMax(detail, part));
    if (!c.ok) {
      const e = c.error;
      return setError(e.key === 'refund.tooMuch' ? localError(e.key, { max: money(e.maxFen) }) : localError(e.key));
    }
    if (part === 'CASH' && detail.split) {
      // issue 13.1: the cash part goes back in cash, approved by the signed-in manager
      setBusy(true);
      const cr = await call(() => pos.cashRefund({ saleId, amountFen: c.amountFen, reason: form.reason.trim() }));
      setBusy(false);
      if (!cr.ok) return setError(approvalError(cr));
      setError(null);
      const v = cr.value;
      setCurrent({ refundId: v.refundId, saleId, outRefundNo: '', amountFen: v.amountFen, reason: v.reason, status: 'refunded', approver: v.approver, createdAt: v.at, message: null });
      setFormOpen(false);
      onRefunded();
      void load();
      return;
    }
    setBusy(true);
    const pin = form.pin;
    setForm((f) => ({ ...f, pin: '' })); // the PIN never stays in the page's state
    // issue 11: the signed-in manager approves; a second manager (picked by name) adds their PIN when needed
    const second = await secondApprover(form.approver, pin);
    if (second === 'unknown') {
      setBusy(false);
      return setError(localError('staff.unknownName'));
    }
    const r = await call(() =>
      pos.requestRefund({ saleId, amountFen: c.amountFen, reason: form.reason.trim(), ...(second ? { secondApprover: second } : {}) }),
    );
    setBusy(false);
    if (!r.ok) return setError(approvalError(r));
    setError(null);
    setCurrent(r.value);
    setFormOpen(false);
    if (FINAL_REFUND.includes(r.value.status)) onRefunded();
    void load();
  };

  return (
    <aside className="detail" data-testid="receipt-detail" aria-label={t('detail.title')}>
      <div className="detail-head">
        <h2>{t('detail.title')}</h2>
        <button type="button" className="btn btn-small" data-testid="detail-close" onClick={onClose}>
          {t('detail.close')}
        </button>
      </div>
      {detail ? (
        <>
          <ReceiptCard receipt={detail.receipt} />
          <ReprintButton saleId={detail.receipt.saleId} />
          <p className="refundable">
            {t('detail.refundable')}: <Money fen={detail.refundableFen} testId="refundable" />
          </p>
          {detail.split ? (
            <p data-testid="detail-split">
              <SplitPartsTag split={detail.split} /> · {t('history.split.saleTotal', { total: money(detail.split.saleTotalFen) })}
            </p>
          ) : null}
          <h3>{t('detail.refunds')}</h3>
          {detail.refunds.length === 0 && !detail.split?.cashRefunds.length ? <p className="hint">{t('detail.noRefunds')}</p> : null}
          <ul className="refunds">
            {[...detail.refunds, ...(detail.split?.cashRefunds ?? [])].map((r) => (
              <li key={r.refundId} data-testid="refund-row" data-status={r.status}>
                <Money fen={r.amountFen} /> · {t(`refund.status.${r.status}`)} · {r.reason} · {r.approver} · {dateTime(r.createdAt)}
                <span className="mono muted"> {r.outRefundNo}</span>
                {r.status === 'change' ? <ChangeHandledForm refund={r} onDone={() => void load()} /> : null}
              </li>
            ))}
          </ul>
          {current ? (
            <p className={`refund-status status-${current.status}`} data-testid="refund-status" data-status={current.status} role="status">
              <Money fen={current.amountFen} /> · {t(`refund.status.${current.status}`)}
              {current.message ? ` · ${current.message}` : ''}
            </p>
          ) : null}
          {!formOpen ? (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="refund-open"
              disabled={!anyRefundable}
              onClick={openForm}
            >
              {anyRefundable ? t('refund.open') : t('refund.nothingRefundable')}
            </button>
          ) : (
            <form
              className="refund-form"
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              {detail.split ? (
                <fieldset className="refund-part" data-testid="refund-part">
                  <legend>{t('refund.part')}</legend>
                  {(['WECHAT', 'CASH'] as const).map((p) => (
                    <label key={p}>
                      <input
                        type="radio"
                        name="refund-part"
                        data-testid={`refund-part-${p}`}
                        checked={part === p}
                        onChange={() => {
                          setPart(p);
                          setForm((f) => ({ ...f, amount: moneyInput(partMax(detail, p)) }));
                        }}
                      />
                      {t(`refund.part.${p}`, { max: money(partMax(detail, p)) })}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              <label>
                {t('refund.amount')}
                <input data-testid="refund-amount" inputMode="decimal" autoFocus value={form.amount} onChange={(e) => setForm((f) => ({ ...f, amount: e.target.value }))} />
              </label>
              <label>
                {t('refund.reason')}
                <input data-testid="refund-reason" maxLength={REFUND_REASON_MAX_CHARS} value={form.reason} onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))} />
              </label>
              {needsSecond ? (
              <>
              <label>
                {t('staff.secondApprover')}
                <input data-testid="refund-approver" maxLength={PERSON_NAME_MAX_CHARS} value={form.approver} onChange={(e) => setForm((f) => ({ ...f, approver: e.target.value }))} />
              </label>
              <label>
                {t('staff.secondPin')}
                <input
                  data-testid="refund-pin"
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={MANAGER_PIN_MAX_CHARS}
                  value={form.pin}
                  onChange={(e) => setForm((f) => ({ ...f, pin: e.target.value }))}
                />
              </label>
              </>
              ) : null}
              <div className="actions refund-actions">
                <button type="submit" className="btn btn-danger" data-testid="refund-submit" disabled={busy}>
                  {t('refund.submit')} [Enter]
                </button>
                <button type="button" className="btn" onClick={() => setFormOpen(false)}>
                  {t('refund.cancel')}
                </button>
              </div>
            </form>
          )}
        </>
      ) : null}
      <ErrorLine error={error} />
    </aside>
  );
}
