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

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

/** A plain-text table: one row per metric, medians of ours and kokoro-js and their ratio. */
export function formatTable(summary: Summary): string {
  const rows: [string, string, string, string][] = [
    ['metric (median)', 'kokoro-kit', 'kokoro-js', 'ours / kokoro-js'],
    [
      'model load (ms)',
      fmt(summary.ours.loadMs),
      fmt(summary.kokoroJs.loadMs),
      fmt(summary.ratios.loadMs, 2),
    ],
    [
      'setup incl. lexicons (ms)',
      fmt(summary.ours.setupMs),
      fmt(summary.kokoroJs.setupMs),
      fmt(summary.ratios.setupMs, 2),
    ],
    [
      'time to first audio (ms)',
      fmt(summary.ours.ttfaMs),
      fmt(summary.kokoroJs.ttfaMs),
      fmt(summary.ratios.ttfaMs, 2),
    ],
    [
      'real-time factor, stream',
      fmt(summary.ours.rtf, 3),
      fmt(summary.kokoroJs.rtf, 3),
      fmt(summary.ratios.rtf, 2),
    ],
    [
      'time outside run (share)',
      `${fmt(100 * summary.ours.outsideShare, 2)} %`,
      `${fmt(100 * summary.kokoroJs.outsideShare, 2)} %`,
      fmt(summary.ratios.outsideShare, 2),
    ],
    [
      'playback gaps, Σ (ms)',
      fmt(summary.ours.underrunMs),
      fmt(summary.kokoroJs.underrunMs),
      fmt(summary.ratios.underrunMs, 2),
    ],
    [
      'peak RSS (MB)',
      fmt(summary.ours.peakRssMb),
      fmt(summary.kokoroJs.peakRssMb),
      fmt(summary.ratios.peakRssMb, 2),
    ],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const targetLines = summary.targets.map(
    (t) =>
      `${t.met ? 'met    ' : 'NOT met'}  ${t.label}: ${t.kind === 'ratio' ? `ratio ${fmt(t.value, 2)} (target ≤ ${t.max})` : `${fmt(100 * t.value, 2)} % (target ≤ ${100 * t.max} %)`}`,
  );
  return [line(rows[0]!), ...rows.slice(1).map(line), '', ...targetLines].join('\n');
}
