/**
 * Memory of the browser a benchmark run started, read from Linux's /proc. The page's renderer
 * process holds everything the page runs: its main thread, its dedicated Worker (ours runs the
 * pipeline there), onnxruntime-web's wasm memory and its thread pool (Web Workers as threads of the
 * same process). Its `VmHWM` is that process's peak resident set over the whole run.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface BrowserMemory {
  /** Peak resident set (VmHWM) of the largest renderer process: the benchmark's page, MB. */
  rendererPeakMb: number;
  /** Σ current resident sets (VmRSS) of all the browser's processes, MB (shared pages counted again). */
  browserRssMb: number;
}

/** `VmHWM` and `VmRSS` of a `/proc/<pid>/status` text, MB. */
export function parseStatus(status: string): { peakMb: number; rssMb: number } {
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** The parent pid in a `/proc/<pid>/stat` line (the command may contain spaces and parentheses). */
export function parseParentPid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Every process below `root` (children, grandchildren, …). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrEmpty(`/proc/${entry}/stat`);
    if (stat !== '') parents.set(Number(entry), parseParentPid(stat));
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Memory of the Chromium processes below `root` (this Node process, which launched them). */
export function browserMemory(root: number = process.pid): BrowserMemory {
  let rendererPeakMb = 0;
  let browserRssMb = 0;
  for (const pid of descendants(root)) {
    // Chromium rewrites its children's titles, so the arguments may come as one string.
    const cmdline = readOrEmpty(`/proc/${pid}/cmdline`).replaceAll('\0', ' ');
    if (!cmdline.includes('chrom')) continue;
    const { peakMb, rssMb } = parseStatus(readOrEmpty(`/proc/${pid}/status`));
    if (Number.isFinite(rssMb)) browserRssMb += rssMb;
    if (cmdline.includes(' --type=renderer') && Number.isFinite(peakMb))
      rendererPeakMb = Math.max(rendererPeakMb, peakMb);
  }
  return { rendererPeakMb, browserRssMb };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process ended meanwhile
  }
}
