import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What each measuring child process reports (one JSON line on stdout, prefixed `RESULT `). */
export interface SideResult {
  side: 'ours' | 'kokoro-js' | 'raw';
  /** onnxruntime-node version the side ran on. */
  ort: string;
  threads: number;
  /** Model load: inference session creation (kokoro-js: `KokoroTTS.from_pretrained`). */
  loadMs: number;
  /** Everything before the first stream: model, lexicons, tokenizer, voices. */
  setupMs: number;
  /** Stream call → first audio chunk (after a warm-up sentence). */
  ttfaMs: number;
  /** Whole stream of the long text, wall time. */
  totalMs: number;
  audioSeconds: number;
  /** totalMs / 1000 / audioSeconds. */
  rtf: number;
  /** Σ time inside the model's `session.run`. */
  runMs: number;
  /** Wall time not covered by `run`: totalMs − runMs (G2P, tokenizing, voice, glue). */
  outsideMs: number;
  chunks: number;
  /** Largest chunk, in ids (pads included). */
  maxIds: number;
  /**
   * Playback gaps: if the audio were played from the first chunk's arrival on, the total time
   * the player would wait for a chunk that is not ready yet (0 = continuous playback).
   */
  underrunMs?: number;
  /** Peak resident set of the child process at its end, MB (`peakRssMb`). */
  peakRssMb: number;
  /** Arithmetic of the graph for the audio produced (analytic count, see flops.ts). */
  gflop?: number;
  /** Raw runs with profiling: top operators by time. */
  topOps?: { op: string; ms: number; share: number }[];
}

/** One recorded model input, so the raw-floor process replays exactly our chunks. */
export interface RecordedRun {
  ids: number[];
  style: number[];
  speed: number;
  samples: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Runs one measuring child (`node --import tsx`, sources resolved through the source condition)
 * from this folder and returns its RESULT line; its stderr goes to ours.
 */
export function runChild(script: string, childArgs: string[]): Promise<SideResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@kokoro-kit/source', join(here, script), ...childArgs],
      { cwd: join(here, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || line === undefined) reject(new Error(`${script} failed (exit ${code}).\n${out}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as SideResult);
    });
  });
}

export function emit(result: SideResult): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

/**
 * This process's peak resident set, MB: Linux's `VmHWM` (the high-water mark of this process's
 * own memory map). Not `resourceUsage().maxRSS`: Linux carries that over from before `exec`, so
 * a child spawned by a large parent reports at least the parent's size (measured: every child of
 * a 970 MB bench process reported 972 MB). Elsewhere, `maxRSS`.
 */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb !== undefined) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

/** `--name value` arguments of a child process. */
export function argv(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function requiredArg(name: string): string {
  const value = argv(name);
  if (value === undefined) throw new Error(`Missing --${name}.`);
  return value;
}

/** Σ waits of a player that starts at the first arrival: chunk i is due when chunk i − 1 ends. */
export function playbackUnderrunMs(arrivals: readonly { at: number; seconds: number }[]): number {
  let clock = arrivals[0]?.at ?? 0;
  let waited = 0;
  for (const { at, seconds } of arrivals) {
    if (at > clock) {
      waited += at - clock;
      clock = at;
    }
    clock += seconds * 1000;
  }
  return waited;
}

/** What a streaming worker measured, turned into its result line (the derived figures computed here). */
export function emitStreamResult(measured: {
  side: 'ours' | 'kokoro-js';
  ort: string;
  threads: number;
  loadMs: number;
  setupMs: number;
  start: number;
  firstAudio: number | undefined;
  totalMs: number;
  samples: number;
  runMs: number;
  chunks: number;
  maxIds: number;
  arrivals: readonly { at: number; seconds: number }[];
}): void {
  const { start, firstAudio, samples, arrivals, totalMs, runMs, ...rest } = measured;
  const audioSeconds = samples / 24_000;
  emit({
    ...rest,
    ttfaMs: (firstAudio ?? performance.now()) - start,
    totalMs,
    audioSeconds,
    rtf: totalMs / 1000 / audioSeconds,
    runMs,
    outsideMs: totalMs - runMs,
    underrunMs: playbackUnderrunMs(arrivals),
    peakRssMb: peakRssMb(),
  });
}
