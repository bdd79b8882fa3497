/** @jsxImportSource hono/jsx */
/**
 * The opt-in rate per channel and month as a small inline SVG line chart (no script, no library),
 * and the same numbers as a table, which is what a screen reader reads: the SVG is one labelled
 * image. Each channel has its own colour and dash pattern, so the lines tell apart in greyscale.
 */
import { CHANNELS, type Channel } from '../../shared/channels';
import type { OptInRate } from '../store/store';
import type { OwnerStrings } from './strings';

// The right margin leaves room for the last month's label, centred on its point.
const SIZE = { width: 640, height: 260, left: 56, right: 36, top: 16, bottom: 40 };
const PLOT = { width: SIZE.width - SIZE.left - SIZE.right, height: SIZE.height - SIZE.top - SIZE.bottom };
const STYLE: Record<Channel, { colour: string; dash: string }> = {
  letter: { colour: '#0b5cad', dash: '' },
  email: { colour: '#b3261e', dash: '6 4' },
  sms: { colour: '#1b6e2d', dash: '2 3' },
};

export interface MonthRow {
  month: string;
  records: number;
  rates: Record<Channel, { granted: number; records: number } | null>;
}

/** One row per month, oldest first, with each channel's numbers (null when the month has none). */
export function monthRows(rates: readonly OptInRate[]): MonthRow[] {
  const months = [...new Set(rates.map((r) => r.month))].sort();
  return months.map((month) => {
    const of = (channel: Channel) => rates.find((r) => r.month === month && r.channel === channel) ?? null;
    const perChannel = Object.fromEntries(CHANNELS.map((c) => [c, of(c) && { granted: of(c)!.granted, records: of(c)!.records }])) as MonthRow['rates'];
    return { month, records: Math.max(0, ...CHANNELS.map((c) => perChannel[c]?.records ?? 0)), rates: perChannel };
  });
}

const share = (r: { granted: number; records: number } | null) => (r && r.records > 0 ? r.granted / r.records : null);

export function OptInChart({ rates, t }: { rates: readonly OptInRate[]; t: OwnerStrings }) {
  const rows = monthRows(rates);
  const percent = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 0 });
  if (rows.length === 0) {
    return (
      <section id="optin">
        <h2>{t.chart.title}</h2>
        <p>{t.chart.none}</p>
      </section>
    );
  }
  // With one month the points sit in the middle; with more they spread across the width.
  const x = (i: number) => SIZE.left + (rows.length === 1 ? PLOT.width / 2 : (i * PLOT.width) / (rows.length - 1));
  const y = (value: number) => SIZE.top + PLOT.height * (1 - value);
  const every = Math.ceil(rows.length / 12);
  return (
    <section id="optin">
      <h2>{t.chart.title}</h2>
      <p>{t.chart.intro}</p>
      <svg viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} width="100%" role="img" aria-label={t.chart.label(rows.length)} class="chart">
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g>
            <line x1={SIZE.left} x2={SIZE.width - SIZE.right} y1={y(v)} y2={y(v)} stroke="#8886" stroke-width="1" />
            <text x={SIZE.left - 6} y={y(v) + 4} text-anchor="end" font-size="11" fill="currentColor">
              {percent.format(v)}
            </text>
          </g>
        ))}
        <text x={12} y={SIZE.top + PLOT.height / 2} font-size="11" fill="currentColor" transform={`rotate(-90 12 ${SIZE.top + PLOT.height / 2})`} text-anchor="middle">
          {t.chart.axis}
        </text>
        {rows.map((row, i) =>
          i % every === 0 ? (
            <text x={x(i)} y={SIZE.height - SIZE.bottom + 16} text-anchor="middle" font-size="11" fill="currentColor">
              {row.month}
            </text>
          ) : null,
        )}
        <text x={SIZE.left + PLOT.width / 2} y={SIZE.height - 4} text-anchor="middle" font-size="11" fill="currentColor">
          {t.chart.month}
        </text>
        {CHANNELS.map((channel) => {
          const points = rows.map((row, i) => ({ i, v: share(row.rates[channel]) })).filter((p): p is { i: number; v: number } => p.v !== null);
          const { colour, dash } = STYLE[channel];
          return (
            <g data-channel={channel}>
              {points.length > 1 && (
                <polyline points={points.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')} fill="none" stroke={colour} stroke-width="2" stroke-dasharray={dash || undefined} />
              )}
              {points.map((p) => (
                <circle cx={x(p.i)} cy={y(p.v)} r="3.5" fill={colour} />
              ))}
            </g>
          );
        })}
      </svg>
      <ul class="legend" aria-hidden="true">
        {CHANNELS.map((channel) => (
          <li>
            <svg width="28" height="10" viewBox="0 0 28 10">
              <line x1="0" x2="28" y1="5" y2="5" stroke={STYLE[channel].colour} stroke-width="2" stroke-dasharray={STYLE[channel].dash || undefined} />
            </svg>{' '}
            {t.channels[channel]}
          </li>
        ))}
      </ul>
      <div class="scroll">
        <table id="optin-table">
          <thead>
            <tr>
              <th scope="col">{t.chart.month}</th>
              <th scope="col">{t.chart.records}</th>
              {CHANNELS.map((channel) => (
                <th scope="col">{t.channels[channel]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <th scope="row">{row.month}</th>
                <td>{row.records}</td>
                {CHANNELS.map((channel) => {
                  const r = row.rates[channel];
                  const v = share(r);
                  return <td>{r && v !== null ? t.chart.rate(r.granted, r.records, percent.format(v)) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
