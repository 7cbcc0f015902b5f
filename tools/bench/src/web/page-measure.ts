/**
 * Browser side, shared by both pages: loads a speaker, warms it up, streams the measured text and
 * watches the main thread meanwhile. Each page only says how to load and stream its library.
 */
import type { PageMeasurement, SpeechTask } from './protocol';

const SAMPLE_RATE = 24_000;
/** The timer probe's period: a 10 ms `setTimeout` chain; any lateness is main-thread blocking. */
const PROBE_MS = 10;

export interface Speaker {
  /** Audio chunks of `text` as sample counts (the pages need nothing else from them). */
  stream(text: string, voice: string): AsyncIterable<number>;
  backend: Pick<PageMeasurement, 'backend' | 'threads' | 'crossOriginIsolated' | 'ort'>;
}

export async function measureSpeech(
  load: () => Promise<Speaker>,
  task: SpeechTask,
): Promise<PageMeasurement> {
  const loadStart = performance.now();
  const speaker = await load();
  const loadMs = performance.now() - loadStart;

  for await (const _ of speaker.stream(task.warmupText, task.voice)) {
    // warm-up: JIT, wasm kernels, phonemizer, voice file
  }

  const watch = watchMainThread();
  let samples = 0;
  let chunks = 0;
  let firstAudio: number | undefined;
  const start = performance.now();
  for await (const count of speaker.stream(task.text, task.voice)) {
    firstAudio ??= performance.now();
    samples += count;
    chunks += 1;
  }
  const totalMs = performance.now() - start;
  const main = await watch.stop();
  const audioSeconds = samples / SAMPLE_RATE;
  return {
    loadMs,
    ttfaMs: (firstAudio ?? Number.NaN) - start,
    totalMs,
    audioSeconds,
    rtf: totalMs / 1000 / audioSeconds,
    chunks,
    ...main,
    visibility: document.visibilityState,
    ...speaker.backend,
  };
}

type MainThread = Pick<PageMeasurement, 'longestTaskMs' | 'longTasks' | 'longTaskTotalMs' | 'maxTimerLagMs'>;

/**
 * Long tasks (`PerformanceObserver`, `longtask`) and a timer probe from now until `stop()`. The
 * probe catches blocking the observer cannot attribute (and works where `longtask` is missing).
 */
function watchMainThread(): { stop: () => Promise<MainThread> } {
  const durations: number[] = [];
  const since = performance.now();
  // A task counts if it overlaps the speaking window: a library that streams without ever yielding
  // to the event loop runs the whole stream as one task that began before it (measured: kokoro-js).
  const overlaps = (entry: PerformanceEntry) => entry.startTime + entry.duration >= since;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (overlaps(entry)) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: true });

  let maxLag = 0;
  let running = true;
  let due = performance.now() + PROBE_MS;
  const tick = () => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - due);
    due = now + PROBE_MS;
    if (running) setTimeout(tick, PROBE_MS);
  };
  setTimeout(tick, PROBE_MS);

  return {
    async stop() {
      // Let the last task's entry be delivered before reading.
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const entry of observer.takeRecords()) if (overlaps(entry)) durations.push(entry.duration);
      observer.disconnect();
      running = false;
      return {
        longestTaskMs: durations.length === 0 ? 0 : Math.max(...durations),
        longTasks: durations.length,
        longTaskTotalMs: durations.reduce((sum, d) => sum + d, 0),
        maxTimerLagMs: maxLag,
      };
    },
  };
}
