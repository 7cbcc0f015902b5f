import type { WordTiming } from '@kokoro-kit/core';

/** Word timings as a file: JSON (every token), or SRT / WebVTT captions (one cue per spoken word). */
export function formatTimestamps(words: readonly WordTiming[], format: 'json' | 'srt' | 'vtt'): string {
  if (format === 'json') return `${JSON.stringify({ words }, null, 2)}\n`;
  const spoken = words.filter((w) => /[\p{L}\p{N}]/u.test(w.text));
  const cues = spoken.map((w, i) => {
    const range = `${clock(w.start, format)} --> ${clock(w.end, format)}`;
    return format === 'srt' ? `${i + 1}\n${range}\n${w.text}\n` : `${range}\n${w.text}\n`;
  });
  return format === 'srt' ? cues.join('\n') : `WEBVTT\n\n${cues.join('\n')}`;
}

export function timestampFormat(path: string): 'json' | 'srt' | 'vtt' | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'json' || ext === 'srt' || ext === 'vtt' ? ext : undefined;
}

/** `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT). */
function clock(seconds: number, format: 'srt' | 'vtt'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}${format === 'srt' ? ',' : '.'}${pad(ms % 1000, 3)}`;
}
