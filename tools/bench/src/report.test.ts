import { describe, expect, it } from 'vitest';
import { playbackUnderrunMs, type SideResult } from './common';
import { kokoroFlops } from './flops';
import { formatTable, median, summarize } from './report';

const result = (side: SideResult['side'], over: Partial<SideResult>): SideResult => ({
  side,
  ort: '1.30.0',
  threads: 2,
  loadMs: 1000,
  setupMs: 1200,
  ttfaMs: 2000,
  totalMs: 60_000,
  audioSeconds: 100,
  rtf: 0.6,
  runMs: 59_000,
  outsideMs: 1000,
  chunks: 10,
  maxIds: 200,
  peakRssMb: 800,
  ...over,
});

describe('summarize', () => {
  it('takes medians per side and ratios ours / kokoro-js, and checks the targets', () => {
    const ours = [
      result('ours', { ttfaMs: 900 }),
      result('ours', { ttfaMs: 1100 }),
      result('ours', { ttfaMs: 5000 }),
    ];
    const theirs = [result('kokoro-js', { ttfaMs: 10_000, loadMs: 2500, rtf: 0.8, peakRssMb: 1000 })];
    const summary = summarize(ours, theirs);
    expect(summary.ours.ttfaMs).toBe(1100);
    expect(summary.ratios.ttfaMs).toBeCloseTo(0.11);
    expect(summary.ratios.loadMs).toBeCloseTo(0.4);
    expect(summary.ratios.rtf).toBeCloseTo(0.75);
    expect(summary.ours.outsideShare).toBeCloseTo(1 / 60);
    expect(summary.targets.map((t) => t.met)).toEqual([true, true, true, true, true]);
    const failing = summarize(
      [result('ours', { peakRssMb: 900 })],
      [result('kokoro-js', { peakRssMb: 1000 })],
    );
    expect(failing.targets.find((t) => t.label === 'peak RSS')?.met).toBe(false);
    expect(formatTable(failing)).toMatch(/NOT met {2}peak RSS: ratio 0\.90 \(target ≤ 0\.8\)/);
    expect(formatTable(failing)).toMatch(/playback gaps, Σ \(ms\) +– +– +–/); // not measured in these fixtures
  });

  it('median of an even count averages the middle pair', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('kokoroFlops', () => {
  it('is dominated by the vocoder and grows linearly with frames', () => {
    const a = kokoroFlops(100, 300);
    const b = kokoroFlops(100, 600);
    // The frame-independent part (ALBERT, text encoder, duration predictor) is small.
    expect((b - a) / a).toBeGreaterThan(0.9);
    // About 50 GFLOP per second of audio (40 frames) once the vocoder dominates.
    const perSecond = (b - a) / ((600 - 300) / 40) / 1e9;
    expect(perSecond).toBeGreaterThan(40);
    expect(perSecond).toBeLessThan(60);
  });
});

describe('playbackUnderrunMs', () => {
  it('adds up the waits of a player that starts at the first chunk', () => {
    // 2 s of audio at t=1000 → due at 3000; arrives 3500 (500 ms gap); 1 s → due 4500; arrives 4000.
    const arrivals = [
      { at: 1000, seconds: 2 },
      { at: 3500, seconds: 1 },
      { at: 4000, seconds: 1 },
    ];
    expect(playbackUnderrunMs(arrivals)).toBe(500);
    expect(playbackUnderrunMs([])).toBe(0);
  });
});
