// Issue 13 point 3: sales per hour of the business day by tender, as stacked bars in plain SVG.
import type { HourTotals } from '../../../common/day';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';

const W = 720;
const H = 180;
const PAD = 24;

export function HourChart({ hours, dayStart }: { hours: readonly HourTotals[]; dayStart: number }) {
  const { t } = useI18n();
  const max = Math.max(1, ...hours.map((h) => h.wechatFen + h.cashFen));
  const bw = (W - PAD) / Math.max(1, hours.length);
  const y = (fen: number) => ((H - PAD) * fen) / max;
  // Beijing hour of each bar's start (UTC+8): the day starts at the cut-off hour.
  const label = (i: number) => String(new Date(dayStart + i * 3_600_000 + 8 * 3_600_000).getUTCHours()).padStart(2, '0');
  return (
    <figure className="hour-chart">
      <figcaption>
        {t('report.hours')} — <span className="legend-wechat">■ {t('report.wechat')}</span> <span className="legend-cash">■ {t('report.cash')}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('report.hours')} data-testid="hour-chart" width="100%">
        {hours.map((h, i) => {
          const x = PAD + i * bw;
          const hw = y(h.wechatFen);
          const hc = y(h.cashFen);
          return (
            <g key={h.hour}>
              <title>{`${label(i)}:00 ${t('report.wechat')} ${money(h.wechatFen)} · ${t('report.cash')} ${money(h.cashFen)}`}</title>
              <rect x={x + 1} width={bw - 2} y={H - PAD - hw} height={hw} fill="#07c160" data-testid="bar-wechat" data-fen={h.wechatFen} />
              <rect x={x + 1} width={bw - 2} y={H - PAD - hw - hc} height={hc} fill="#f0a020" data-testid="bar-cash" data-fen={h.cashFen} />
              {i % 3 === 0 ? (
                <text x={x + bw / 2} y={H - 8} fontSize="10" textAnchor="middle">
                  {label(i)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={PAD} x2={W} y1={H - PAD} y2={H - PAD} stroke="#888" />
      </svg>
    </figure>
  );
}
