/**
 * Fills `out` with `offset + U(−scale, scale)` from a seeded xorshift32 stream: deterministic in
 * every JS engine (integer ops only, one float multiply per value), and fast enough to produce
 * Kokoro's 81 M weights in well under a second.
 */
export function fillUniform(out: Float32Array, seed: number, scale: number, offset = 0): void {
  // Mix the seed so consecutive seeds give unrelated streams; xorshift32 must not start at 0.
  let state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 0x6d2b79f5;
  const k = (2 * scale) / 2 ** 32;
  for (let i = 0; i < out.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = offset - scale + (state >>> 0) * k;
  }
}
