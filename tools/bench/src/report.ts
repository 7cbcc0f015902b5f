import type { SideResult } from './common';

export type Metric = 'loadMs' | 'setupMs' | 'ttfaMs' | 'rtf' | 'outsideShare' | 'underrunMs' | 'peakRssMb';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function metric(result: SideResult, name: Metric): number {
  if (name === 'outsideShare') return result.outsideMs / result.totalMs;
  if (name === 'underrunMs') return result.underrunMs ?? Number.NaN;
  return result[name];
}

/** The issue's targets: ours / kokoro-js ≤ ratio (outside share: ours ≤ 3 % absolute). */
export const TARGETS: { metric: Metric; label: string; max: number; kind: 'ratio' | 'absolute' }[] = [
  { metric: 'ttfaMs', label: 'time to first audio', max: 0.3, kind: 'ratio' },
  { metric: 'rtf', label: 'real-time factor (stream)', max: 0.85, kind: 'ratio' },
  { metric: 'outsideShare', label: 'time outside run (ours)', max: 0.03, kind: 'absolute' },
  { metric: 'loadMs', label: 'model load', max: 0.5, kind: 'ratio' },
  { metric: 'peakRssMb', label: 'peak RSS', max: 0.8, kind: 'ratio' },
];

export interface Summary {
  ours: Record<Metric, number>;
  kokoroJs: Record<Metric, number>;
  ratios: Record<Metric, number>;
  targets: { label: string; value: number; max: number; kind: 'ratio' | 'absolute'; met: boolean }[];
}

export function summarize(ours: readonly SideResult[], kokoroJs: readonly SideResult[]): Summary {
  const names: Metric[] = ['loadMs', 'setupMs', 'ttfaMs', 'rtf', 'outsideShare', 'underrunMs', 'peakRssMb'];
  const med = (rs: readonly SideResult[]) =>
    Object.fromEntries(names.map((n) => [n, median(rs.map((r) => metric(r, n)))])) as Record<Metric, number>;
  const o = med(ours);
  const k = med(kokoroJs);
  const ratios = Object.fromEntries(names.map((n) => [n, o[n] / k[n]])) as Record<Metric, number>;
  const targets = TARGETS.map((t) => {
    const value = t.kind === 'ratio' ? ratios[t.metric] : o[t.metric];
    return { label: t.label, value, max: t.max, kind: t.kind, met: value <= t.max };
  });
  return { ours: o, kokoroJs: k, ratios, targets };
}

/** A number for a table: thousands separated, `digits` decimals, `–` when not measured. */
export const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

/** A plain-text table: one row per metric, medians of ours and kokoro-js and their ratio. */
export function formatTable(summary: Summary): string {
  const row = (label: string, metric: Metric, show: (v: number) => string): string[] => [
    label,
    show(summary.ours[metric]),
    show(summary.kokoroJs[metric]),
    fmt(summary.ratios[metric], 2),
  ];
  const percent = (share: number) => `${fmt(100 * share, 2)} %`;
  const rows = [
    ['metric (median)', 'kokoro-kit', 'kokoro-js', 'ours / kokoro-js'],
    row('model load (ms)', 'loadMs', (v) => fmt(v)),
    row('setup incl. lexicons (ms)', 'setupMs', (v) => fmt(v)),
    row('time to first audio (ms)', 'ttfaMs', (v) => fmt(v)),
    row('real-time factor, stream', 'rtf', (v) => fmt(v, 3)),
    row('time outside run (share)', 'outsideShare', percent),
    row('playback gaps, Σ (ms)', 'underrunMs', (v) => fmt(v)),
    row('peak RSS (MB)', 'peakRssMb', (v) => fmt(v)),
  ];
  const targetLines = summary.targets.map(
    (t) =>
      `${t.met ? 'met    ' : 'NOT met'}  ${t.label}: ${t.kind === 'ratio' ? `ratio ${fmt(t.value, 2)} (target ≤ ${t.max})` : `${fmt(100 * t.value, 2)} % (target ≤ ${100 * t.max} %)`}`,
  );
  return [alignRows(rows), '', ...targetLines].join('\n');
}

/** Rows as aligned plain text: the first column left-aligned, the others right-aligned. */
export function alignRows(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    widths
      .map((width, i) => (i === 0 ? (r[i] ?? '').padEnd(width) : (r[i] ?? '').padStart(width)))
      .join('  ');
  return rows.map(line).join('\n');
}
