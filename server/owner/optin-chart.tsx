/** @jsxImportSource hono/jsx */
/**
 * The opt-in rate per channel and month as a small inline SVG bar chart (no script, no library),
 * and the same numbers as a table, which is what a screen reader reads: the SVG is one labelled
 * image. Each month has one bar per channel side by side, so equal rates never hide one another;
 * each channel has its own colour and fill (solid, hatched, outlined), so they tell apart in greyscale.
 */
import { CHANNELS, type Channel } from '../../shared/channels';
import type { OptInRate } from '../store/store';
import type { OwnerText } from './strings';

const SIZE = { width: 640, height: 260, left: 56, right: 16, top: 16, bottom: 40 };
const PLOT = { width: SIZE.width - SIZE.left - SIZE.right, height: SIZE.height - SIZE.top - SIZE.bottom };
const STYLE: Record<Channel, { colour: string; fill: string }> = {
  letter: { colour: '#0b5cad', fill: '#0b5cad' },
  email: { colour: '#b3261e', fill: 'url(#optin-hatch)' },
  sms: { colour: '#1b6e2d', fill: 'none' },
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

/** "2026-11" as people read it: "Nov. 2026", "Nov 2026". */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export function OptInChart({ rates, t }: { rates: readonly OptInRate[]; t: OwnerText }) {
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
  const group = PLOT.width / rows.length;
  const bar = Math.min(28, (group * 0.8) / CHANNELS.length);
  const x = (i: number, c: number) => SIZE.left + group * i + (group - bar * CHANNELS.length) / 2 + c * bar;
  const y = (value: number) => SIZE.top + PLOT.height * (1 - value);
  const every = Math.ceil(rows.length / 12);
  return (
    <section id="optin">
      <h2>{t.chart.title}</h2>
      <p>{t.chart.intro}</p>
      <svg viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} width="100%" role="img" aria-label={t.chart.label(rows.length)} class="chart">
        <defs>
          <pattern id="optin-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="5" height="5" fill="#b3261e55" />
            <line x1="0" y1="0" x2="0" y2="5" stroke="#b3261e" stroke-width="3" />
          </pattern>
        </defs>
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
            <text x={SIZE.left + group * i + group / 2} y={SIZE.height - SIZE.bottom + 16} text-anchor="middle" font-size="11" fill="currentColor">
              {monthLabel(row.month, t.locale)}
            </text>
          ) : null,
        )}
        <text x={SIZE.left + PLOT.width / 2} y={SIZE.height - 4} text-anchor="middle" font-size="11" fill="currentColor">
          {t.chart.month}
        </text>
        {CHANNELS.map((channel, c) => {
          const { colour, fill } = STYLE[channel];
          return (
            <g data-channel={channel}>
              {rows.map((row, i) => {
                const v = share(row.rates[channel]);
                if (v === null) return null;
                // A 0 % bar is a visible line on the axis, not nothing.
                const height = Math.max(PLOT.height * v, 1.5);
                return (
                  <rect x={x(i, c) + 1} y={y(0) - height} width={bar - 2} height={height} fill={fill} stroke={colour} stroke-width="1.5">
                    <title>{`${t.channels[channel]} ${monthLabel(row.month, t.locale)}: ${percent.format(v)}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <ul class="legend" aria-hidden="true">
        {CHANNELS.map((channel) => (
          <li>
            <svg width="14" height="14" viewBox="0 0 14 14">
              <rect x="1" y="1" width="12" height="12" fill={STYLE[channel].fill} stroke={STYLE[channel].colour} stroke-width="1.5" />
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
                <th scope="row">{monthLabel(row.month, t.locale)}</th>
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
