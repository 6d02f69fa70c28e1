// Issue 13 point 3: X (snapshot, resets nothing) and Z (closes the business day, numbered, cannot be
// redone) reports, earlier Z reports, and CSV export.
import { useCallback, useEffect, useState } from 'react';
import type { DayReport } from '../../../common/day';
import { call, pos } from '../bridge';
import { DayReportView } from '../components/DayReportView';
import { ErrorLine, type UiError } from '../components/ErrorLine';
import { PrintSlipButton } from '../components/PrintSlipButton';
import { useI18n } from '../i18n/i18n-context';

type ZEntry = { readonly seq: number; readonly businessDay: string; readonly closedAt: number };

export function ReportsScreen() {
  const { t } = useI18n();
  const [report, setReport] = useState<DayReport | null>(null);
  const [list, setList] = useState<readonly ZEntry[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [csv, setCsv] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const show = (r: DayReport) => {
    setReport(r);
    setCsv(null);
    setError(null);
  };
  const loadX = useCallback(async () => {
    const r = await call(() => pos.getXReport({}));
    if (!r.ok) return setError(r);
    show(r.value);
  }, []);
  const loadList = useCallback(async () => {
    const r = await call(() => pos.listZReports());
    if (r.ok) setList(r.value);
  }, []);
  useEffect(() => {
    void loadX();
    void loadList();
  }, [loadX, loadList]);

  const closeDay = async () => {
    setConfirming(false);
    const r = await call(() => pos.closeDay({}));
    if (!r.ok) return setError(r);
    show(r.value);
    await loadList();
  };
  const openZ = async (seq: number) => {
    const r = await call(() => pos.getZReport({ seq }));
    if (!r.ok) return setError(r);
    show(r.value);
  };
  const exportCsv = async () => {
    const r = await call(() => pos.dayReportCsv(report?.kind === 'Z' && report.seq !== null ? { seq: report.seq } : {}));
    if (!r.ok) return setError(r);
    setCsv(r.value);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const reconcile = async () => {
    if (!report) return;
    const r = await call(() => pos.reconcileDay({ billDate: report.businessDay }));
    if (!r.ok) return setError(r);
    if (r.value.outcome === 'not-yet') return setNotice(`${t('report.notYet')} ${r.value.message}`);
    setNotice(null);
    if (report.kind === 'Z' && report.seq !== null) await openZ(report.seq);
    else await loadX();
  };
  const fileName = report ? `${report.kind === 'Z' ? `Z${report.seq}` : 'X'}-${report.businessDay}.csv` : 'report.csv';

  return (
    <div className="reports" data-testid="reports-screen">
      <h2>{t('report.title')}</h2>
      <div className="actions">
        <button type="button" className="btn" data-testid="report-x" onClick={() => void loadX()}>
          {t('report.x')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="report-z" onClick={() => setConfirming(true)}>
          {t('report.z')}
        </button>
        <button type="button" className="btn" data-testid="report-csv" disabled={!report} onClick={() => void exportCsv()}>
          {t('report.csv')}
        </button>
        <button type="button" className="btn" data-testid="report-reconcile" disabled={!report} onClick={() => void reconcile()}>
          {t('report.reconcileNow')}
        </button>
        {report ? <PrintSlipButton testId="report-print" print={() => pos.printDayReport(report.kind === 'Z' && report.seq !== null ? { seq: report.seq } : {})} /> : null}
        {csv !== null ? (
          <a data-testid="report-csv-link" download={fileName} href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}>
            {fileName}
          </a>
        ) : null}
      </div>
      {confirming && report ? (
        <div className="confirm" data-testid="z-confirm">
          <p>{t('report.zConfirm', { day: report.businessDay })}</p>
          <button type="button" className="btn btn-primary" data-testid="z-confirm-yes" onClick={() => void closeDay()}>
            {t('report.zYes')}
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t('cash.cancel')}
          </button>
        </div>
      ) : null}
      <ErrorLine error={error} />
      {notice ? <p className="hint" data-testid="report-notice">{notice}</p> : null}
      <div className="reports-body">
        {report ? <DayReportView report={report} /> : null}
        <aside>
          <h3>{t('report.list')}</h3>
          <ul>
            {list.map((z) => (
              <li key={z.seq}>
                <button type="button" className="btn btn-small" data-testid={`z-${z.seq}`} onClick={() => void openZ(z.seq)}>
                  Z {z.seq} · {z.businessDay}
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}
