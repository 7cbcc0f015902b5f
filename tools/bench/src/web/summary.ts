/**
 * The browser benchmark's summary: medians per side over the rounds, our side against kokoro-js
 * fp32 and against kokoro-js's q8, and the targets (reported, not asserted).
 */
import { alignRows, fmt, median } from '../report';
import type { PageRun } from './browser';
import { WEB_SIDES, type WebSide } from './protocol';

export interface WebRun extends PageRun {
  side: WebSide;
  round: number;
}

export type WebMetric = 'loadMs' | 'ttfaMs' | 'rtf' | 'longestTaskMs' | 'maxTimerLagMs' | 'rendererPeakMb';

/** Chromium reports long tasks of 50 ms or more; none is shown as `< 50`. */
const showTask = (ms: number) => (ms === 0 ? '< 50' : fmt(ms));

/** `ratio: false`: an absolute target (ours ≤ 50 ms), where a ratio to kokoro-js means nothing. */
const METRICS: {
  metric: WebMetric;
  label: string;
  digits: number;
  show?: (v: number) => string;
  ratio?: false;
}[] = [
  { metric: 'loadMs', label: 'load, create → ready (ms)', digits: 0 },
  { metric: 'ttfaMs', label: 'time to first audio (ms)', digits: 0 },
  { metric: 'rtf', label: 'real-time factor, stream', digits: 3 },
  {
    metric: 'longestTaskMs',
    label: 'longest main-thread task (ms)',
    digits: 0,
    show: showTask,
    ratio: false,
  },
  { metric: 'maxTimerLagMs', label: 'timer probe, worst lag (ms)', digits: 0, ratio: false },
  { metric: 'rendererPeakMb', label: 'renderer peak RSS (MB)', digits: 0 },
];

export interface WebTarget {
  label: string;
  value: number;
  max: number;
  kind: 'ratio' | 'absolute';
  /** undefined: not measured (a side missing). */
  met: boolean | undefined;
}

export interface WebSummary {
  /** Median per side and metric; NaN where a side did not run. */
  medians: Record<WebSide, Record<WebMetric, number>>;
  /** ours / kokoro-js fp32 and ours / kokoro-js q8, per metric. */
  oursOverFp32: Record<WebMetric, number>;
  oursOverQ8: Record<WebMetric, number>;
  targets: WebTarget[];
}

export function summarizeWeb(runs: readonly WebRun[]): WebSummary {
  const medianOf = (side: WebSide) =>
    Object.fromEntries(
      METRICS.map(({ metric }) => [
        metric,
        median(runs.filter((r) => r.side === side).map((r) => r[metric])),
      ]),
    ) as Record<WebMetric, number>;
  const medians = Object.fromEntries(
    WEB_SIDES.map((side) => [side, medianOf(side)]),
  ) as WebSummary['medians'];
  const over = (theirs: WebSide) =>
    Object.fromEntries(
      METRICS.map(({ metric }) => [metric, medians.ours[metric] / medians[theirs][metric]]),
    ) as Record<WebMetric, number>;
  const oursOverFp32 = over('kokoro-js-fp32');
  const oursOverQ8 = over('kokoro-js-q8');
  const target = (label: string, value: number, max: number, kind: WebTarget['kind'], strict = false) => ({
    label,
    value,
    max,
    kind,
    met: Number.isFinite(value) ? (strict ? value < max : value <= max) : undefined,
  });
  return {
    medians,
    oursOverFp32,
    oursOverQ8,
    targets: [
      target('time to first audio vs kokoro-js fp32', oursOverFp32.ttfaMs, 0.3, 'ratio'),
      target('real-time factor vs kokoro-js fp32', oursOverFp32.rtf, 0.8, 'ratio'),
      target(
        'longest main-thread task while speaking (ours, ms)',
        medians.ours.longestTaskMs,
        50,
        'absolute',
      ),
      target('real-time factor vs kokoro-js q8 (faster at fp32 quality)', oursOverQ8.rtf, 1, 'ratio', true),
    ],
  };
}

/** Table: one row per metric, the three sides' medians and our ratios to kokoro-js's two rows. */
export function formatWebTable(summary: WebSummary): string {
  const rows = [
    ['metric (median)', 'kokoro-kit web', 'kokoro-js fp32', 'kokoro-js q8', 'ours / fp32', 'ours / q8'],
    ...METRICS.map(({ metric, label, digits, show, ratio }) => [
      label,
      ...WEB_SIDES.map((side) => (show ?? ((v: number) => fmt(v, digits)))(summary.medians[side][metric])),
      ratio === false ? '' : fmt(summary.oursOverFp32[metric], 2),
      ratio === false ? '' : fmt(summary.oursOverQ8[metric], 2),
    ]),
  ];
  const targetLines = summary.targets.map((t) => {
    const verdict = t.met === undefined ? 'not run' : t.met ? 'met    ' : 'NOT met';
    const shown = t.kind === 'ratio' ? `ratio ${fmt(t.value, 2)}` : fmt(t.value);
    return `${verdict}  ${t.label}: ${shown} (target ${t.max === 1 ? '<' : '≤'} ${t.max})`;
  });
  return [alignRows(rows), '', ...targetLines].join('\n');
}
