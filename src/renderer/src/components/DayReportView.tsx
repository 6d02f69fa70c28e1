// Issue 13 point 3: an X or Z report on screen — per tender, per cashier, per hour (chart), the drawer,
// cancels and voids, WeChat's fees and the reconciliation's list for the manager.
import type { DayReport, TenderTotals } from '../../../common/day';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';
import { dateTime } from '../lib/time';
import { Money } from './Money';
import { HourChart } from './HourChart';

function Row({ name, v, testId }: { name: string; v: TenderTotals; testId?: string }) {
  return (
    <tr data-testid={testId}>
      <td>{name}</td>
      <td className="num">{v.count}</td>
      <td className="num"><Money fen={v.grossFen} /></td>
      <td className="num"><Money fen={v.refundsFen} /></td>
      <td className="num"><Money fen={v.netFen} /></td>
    </tr>
  );
}

export function DayReportView({ report: r }: { report: DayReport }) {
  const { t } = useI18n();
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        <th className="num">{t('report.count')}</th>
        <th className="num">{t('report.gross')}</th>
        <th className="num">{t('report.refunds')}</th>
        <th className="num">{t('report.net')}</th>
      </tr>
    </thead>
  );
  const bd = `${r.businessDay.slice(0, 4)}-${r.businessDay.slice(4, 6)}-${r.businessDay.slice(6)}`;
  return (
    <article className="day-report" data-testid="day-report" data-kind={r.kind} data-seq={r.seq ?? ''}>
      <h3 data-testid="report-heading">
        {r.kind === 'Z' ? t('report.kindZ', { seq: r.seq ?? 0 }) : t('report.kindX')} · {t('report.day')} {bd} · {t(`shell.mode.${r.mode}`)}
      </h3>
      <p className="muted">
        {dateTime(r.dayStart)} – {dateTime(r.dayEnd)}
        {r.closedBy ? ` · ${t('report.closedBy')} ${r.closedBy}` : ''}
      </p>
      <table className="lines">
        {head(t('report.tender'))}
        <tbody>
          <Row name={t('report.wechat')} v={r.wechat} testId="report-wechat" />
          <Row name={t('report.cash')} v={r.cash} testId="report-cash" />
          <Row name={t('report.total')} v={r.total} testId="report-total" />
        </tbody>
      </table>
      {r.cash.roundingFen > 0 ? (
        <p>
          {t('cash.rounding')} <Money fen={r.cash.roundingFen} />
        </p>
      ) : null}
      <table className="lines">
        {head(t('report.cashier'))}
        <tbody>
          {r.cashiers.map((c) => (
            <Row key={c.cashier} name={c.cashier} v={c} testId="report-cashier" />
          ))}
        </tbody>
      </table>
      <HourChart hours={r.hours} dayStart={r.dayStart} />
      <h4>{t('report.drawer')}</h4>
      <p data-testid="report-drawer">
        {t('report.floatFen')} {money(r.drawer.floatFen)} · {t('shift.expected')} {money(r.drawer.expectedFen)} · {t('shift.counted')}{' '}
        {money(r.drawer.countedFen)} · {t('shift.diff')} <span data-testid="report-drawer-diff">{money(r.drawer.diffFen)}</span>
      </p>
      <h4>{t('report.voids')}</h4>
      <p>
        {t('report.cancelled')} {r.voids.cancelled} · {t('report.expired')} {r.voids.expiredOrClosed} · {t('report.failed')} {r.voids.failed} ·{' '}
        {t('report.paidAfterCancel')} {r.voids.paidAfterCancel}
      </p>
      <p>
        {t('report.fee')} {r.feeFen === null ? t('report.feeUnknown') : money(r.feeFen)}
      </p>
      <h4>{t('report.reconciliation')}</h4>
      {!r.reconciliation ? (
        <p className="muted">{t('report.noRecon')}</p>
      ) : r.reconciliation.clean ? (
        <p data-testid="recon-clean">{t('report.reconClean')}</p>
      ) : (
        <div data-testid="recon-list">
          <p>{r.reconciliation.message}</p>
          <table className="lines">
            <tbody>
              {r.reconciliation.lines.map((l, i) => (
                <tr key={i} data-testid="recon-line">
                  <td>{l.kind}</td>
                  <td>{l.outTradeNo ?? ''}</td>
                  <td className="num">{l.localFen === null ? '' : money(l.localFen)}</td>
                  <td className="num">{l.billFen === null ? '' : money(l.billFen)}</td>
                  <td>{l.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
