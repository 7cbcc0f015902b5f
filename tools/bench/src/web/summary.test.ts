import { describe, expect, it } from 'vitest';
import { parseParentPid, parseStatus } from './memory';
import { formatWebTable, summarizeWeb, type WebRun } from './summary';

const run = (side: WebRun['side'], over: Partial<WebRun> = {}): WebRun => ({
  side,
  round: 0,
  loadMs: 2000,
  ttfaMs: 4000,
  totalMs: 100_000,
  audioSeconds: 200,
  rtf: 0.5,
  chunks: 19,
  longestTaskMs: 0,
  longTasks: 0,
  longTaskTotalMs: 0,
  maxTimerLagMs: 5,
  visibility: 'visible',
  backend: 'wasm',
  threads: 2,
  crossOriginIsolated: true,
  ort: '1.30.0',
  rendererPeakMb: 1000,
  browserRssMb: 1500,
  refused: [],
  voicesFulfilled: [],
  errors: [],
  ...over,
});

describe('summarizeWeb', () => {
  it('takes medians per side and our ratios to kokoro-js fp32 and q8, against the targets', () => {
    const summary = summarizeWeb([
      run('ours', { ttfaMs: 800, rtf: 0.36 }),
      run('ours', { ttfaMs: 1000, rtf: 0.4, longestTaskMs: 60 }),
      run('ours', { ttfaMs: 9000, rtf: 0.38 }),
      run('kokoro-js-fp32', { ttfaMs: 4000, rtf: 0.5, longestTaskMs: 3000 }),
      run('kokoro-js-q8', { rtf: 0.9 }),
    ]);
    expect(summary.medians.ours.ttfaMs).toBe(1000);
    expect(summary.oursOverFp32.ttfaMs).toBeCloseTo(0.25);
    expect(summary.oursOverFp32.rtf).toBeCloseTo(0.76);
    expect(summary.oursOverQ8.rtf).toBeCloseTo(0.38 / 0.9);
    expect(summary.targets.map((t) => t.met)).toEqual([true, true, true, true]);
    const table = formatWebTable(summary);
    expect(table).toMatch(/real-time factor, stream +0\.380 +0\.500 +0\.900 +0\.76 +0\.42/);
    expect(table).toMatch(/longest main-thread task \(ms\) +< 50 +3,000/);
  });

  it('marks targets as not run when a side is missing (our side before runtime-web)', () => {
    const summary = summarizeWeb([run('kokoro-js-fp32'), run('kokoro-js-q8')]);
    expect(summary.targets.every((t) => t.met === undefined)).toBe(true);
    expect(formatWebTable(summary)).toMatch(/not run {2}time to first audio/);
    expect(formatWebTable(summary)).toMatch(/load, create → ready \(ms\) +– +2,000 +2,000 +– +–/);
  });
});

describe('memory', () => {
  it('reads the peak and current resident sets of a /proc status', () => {
    expect(parseStatus('Name:\tchromium\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n')).toEqual({
      peakMb: 200,
      rssMb: 100,
    });
  });

  it('finds the parent pid after a command name with spaces and parentheses', () => {
    expect(parseParentPid('4242 (Chrome (x) y) S 4100 4242 4242 0 -1')).toBe(4100);
  });
});
