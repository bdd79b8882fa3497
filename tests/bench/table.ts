/**
 * The benchmark's result: one row per figure, beside the same work done by its bare floor in the
 * same run, and their ratio. Written as Markdown (for the README) and as JSON (for tools).
 */
export interface Row {
  /** The issue's figure number and a letter, e.g. "2a". */
  id: string;
  figure: string;
  value: number;
  unit: 'ms' | 'records/s' | 'KiB' | 'bytes' | 's';
  /** The bare floor's figure for the same work, when the figure has one. */
  floor?: { what: string; value: number };
  budget?: { text: string; met: boolean };
  note?: string;
}

export interface Result {
  startedAt: string;
  wallSeconds: number;
  machine: Record<string, string>;
  rows: Row[];
}

/** figure ÷ floor; for throughput (records/s) the floor's rate ÷ the figure's, so above 1 is always slower. */
export function ratio(row: Row): number | null {
  if (!row.floor || row.floor.value <= 0 || row.value <= 0) return null;
  return row.unit === 'records/s' ? row.floor.value / row.value : row.value / row.floor.value;
}

export function format(value: number, unit: Row['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'records/s':
      return `${Math.round(value).toLocaleString('en-US')} records/s`;
    case 'KiB':
      return `${value.toFixed(1)} KiB`;
    case 'bytes':
      return `${Math.round(value).toLocaleString('en-US')} B`;
  }
}

export function toMarkdown(result: Result): string {
  const lines = [
    '| # | figure | value | bare floor | floor | ratio | budget |',
    '|---|---|---:|---|---:|---:|---|',
    ...result.rows.map((row) => {
      const r = ratio(row);
      const budget = row.budget ? `${row.budget.met ? '✅' : '❌'} ${row.budget.text}` : '';
      const figure = row.note ? `${row.figure} <br><sub>${row.note}</sub>` : row.figure;
      return `| ${row.id} | ${figure} | ${format(row.value, row.unit)} | ${row.floor?.what ?? '—'} | ${row.floor ? format(row.floor.value, row.unit) : '—'} | ${r === null ? '—' : `${r.toFixed(2)}×`} | ${budget} |`;
    }),
  ];
  const machine = Object.entries(result.machine).map(([k, v]) => `${k}: ${v}`).join('; ');
  return `${lines.join('\n')}\n\nRun ${result.startedAt}, ${result.wallSeconds.toFixed(0)} s wall time. ${machine}.\n`;
}

export function toJson(result: Result): string {
  return JSON.stringify({ ...result, rows: result.rows.map((row) => ({ ...row, ratio: ratio(row) })) }, null, 2) + '\n';
}
