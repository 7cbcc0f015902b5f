/**
 * Splits text into paragraphs on runs of newlines, as KPipeline does with its default
 * `split_pattern` (`\n+`, spec §9.2); blank paragraphs are skipped. Sentence- and
 * clause-level segmentation for streaming is the streaming core's job.
 */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/(?:\r?\n|\r)+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
