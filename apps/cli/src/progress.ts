import type { HubProgress, ProgressCallback } from '@kokoro-kit/hub';
import cliProgress from 'cli-progress';
import type { CliIO } from './io';

/**
 * Download progress on stderr: one bar per file (bytes, rate, ETA) when stderr is a terminal,
 * nothing otherwise (scripts and CI logs stay clean). Returns `stop` to close the bars.
 */
export function createProgress(io: CliIO): { onProgress?: ProgressCallback; stop: () => void } {
  const stderr = io.stderr as CliIO['stderr'] & { isTTY?: boolean };
  if (!stderr.isTTY || io.env.CI) return { stop: () => undefined };
  const multi = new cliProgress.MultiBar(
    {
      stream: stderr,
      format: '{file} [{bar}] {percentage}% | {done}/{size} | {rate} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: true,
      barsize: 24,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; started: number; from: number }>();
  const onProgress = (event: HubProgress) => {
    const total = event.total ?? 0;
    let state = bars.get(event.asset.key);
    if (!state) {
      const bar = multi.create(total, event.received, payload(event, 0));
      state = { bar, started: Date.now(), from: event.received };
      bars.set(event.asset.key, state);
    }
    const seconds = (Date.now() - state.started) / 1000;
    const rate = seconds > 0 ? (event.received - state.from) / seconds : 0;
    if (total > 0 && state.bar.getTotal() !== total) state.bar.setTotal(total);
    state.bar.update(event.received, payload(event, rate));
  };
  return { onProgress, stop: () => multi.stop() };
}

function payload(event: HubProgress, rate: number): Record<string, string> {
  const file = event.asset.urlPath.split('/').pop() ?? event.asset.name;
  return {
    file: file.padEnd(20).slice(0, 20),
    done: megabytes(event.received),
    size: event.total === undefined ? '?' : megabytes(event.total),
    rate: `${megabytes(rate)}/s`,
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
