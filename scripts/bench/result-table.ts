import type { BarResult, ResultRow } from './result-row.ts';

const format = (value: number, unit: string): string => {
  if (Number.isNaN(value)) return '—';
  if (unit === 'accounts/s' || unit === 'B/item') return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 100 ? 0 : 1);
};

/** The results as Markdown tables: the measures, then the bars. */
export function resultTable(machine: string, rows: readonly ResultRow[], bars: readonly BarResult[]): string {
  const lines = [
    `Machine: ${machine}`,
    '',
    '| section | measure | unit | median | min | max | n | note |',
    '|---|---|---|--:|--:|--:|--:|---|',
    ...rows.map(
      (row) =>
        `| ${row.section} | ${row.measure} | ${row.unit} | ${format(row.median, row.unit)} | ${format(row.min, row.unit)} | ${format(row.max, row.unit)} | ${row.n} | ${row.note ?? ''} |`,
    ),
    '',
    '| bar (SPEC §6) | measured | limit | met | how |',
    '|---|--:|--:|---|---|',
    ...bars.map((bar) => `| ${bar.bar} | ${bar.measured.toFixed(2)}× | ≤ ${bar.limit}× | ${bar.met ? 'yes' : '**no**'} | ${bar.note} |`),
  ];
  return `${lines.join('\n')}\n`;
}
