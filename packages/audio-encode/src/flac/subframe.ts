import type { BitWriter } from './bit-writer';

/**
 * One FLAC subframe (RFC 9639 §9.2) for a block of 16-bit samples: CONSTANT for digital silence,
 * else the cheapest FIXED predictor (orders 0–4) with partitioned Rice residuals, or VERBATIM when
 * prediction does not pay. No LPC: fixed predictors get most of the gain on speech at a fraction
 * of the code, and the output stays bit-exact either way.
 */
const BITS = 16;
const MAX_ORDER = 4;
const MAX_PARTITION_ORDER = 8;
/** 5-bit Rice parameters (coding method 0b01), so parameters up to 30 need no escape. */
const PARAM_BITS = 5;
const MAX_PARAM = 30;

export function writeSubframe(out: BitWriter, block: Int32Array): void {
  if (isConstant(block)) {
    out.write(0b0_000000_0, 8);
    out.writeSigned(block[0]!, BITS);
    return;
  }
  let best: { order: number; residual: Int32Array; plan: RicePlan } | undefined;
  for (let order = 0; order <= Math.min(MAX_ORDER, block.length - 1); order++) {
    const residual = fixedResidual(block, order);
    const plan = planRice(residual, order, block.length);
    if (!best || plan.bits < best.plan.bits) best = { order, residual, plan };
  }
  const verbatimBits = block.length * BITS;
  if (!best || best.plan.bits + best.order * BITS >= verbatimBits) {
    out.write(0b0_000001_0, 8);
    for (const sample of block) out.writeSigned(sample, BITS);
    return;
  }
  out.write(0b0_001000_0 | (best.order << 1), 8);
  for (let i = 0; i < best.order; i++) out.writeSigned(block[i]!, BITS);
  writeResidual(out, best.residual, best.order, best.plan);
}

function isConstant(block: Int32Array): boolean {
  for (let i = 1; i < block.length; i++) if (block[i] !== block[0]) return false;
  return true;
}

/** Residuals of the fixed polynomial predictor of `order`; entry i is for sample i (i ≥ order). */
function fixedResidual(x: Int32Array, order: number): Int32Array {
  const r = new Int32Array(x.length);
  for (let i = order; i < x.length; i++) {
    switch (order) {
      case 0:
        r[i] = x[i]!;
        break;
      case 1:
        r[i] = x[i]! - x[i - 1]!;
        break;
      case 2:
        r[i] = x[i]! - 2 * x[i - 1]! + x[i - 2]!;
        break;
      case 3:
        r[i] = x[i]! - 3 * x[i - 1]! + 3 * x[i - 2]! - x[i - 3]!;
        break;
      default:
        r[i] = x[i]! - 4 * x[i - 1]! + 6 * x[i - 2]! - 4 * x[i - 3]! + x[i - 4]!;
    }
  }
  return r;
}

interface RicePlan {
  partitionOrder: number;
  params: number[];
  bits: number;
}

/** Zigzag fold: 0, -1, 1, -2 … → 0, 1, 2, 3 … */
const fold = (v: number) => (v >= 0 ? v * 2 : -v * 2 - 1);

/** Picks the partition order and per-partition parameters with the fewest bits. */
function planRice(residual: Int32Array, order: number, blockSize: number): RicePlan {
  let best: RicePlan | undefined;
  for (let p = 0; p <= MAX_PARTITION_ORDER; p++) {
    const partitions = 1 << p;
    if (blockSize % partitions !== 0 || blockSize / partitions <= order) break;
    const size = blockSize / partitions;
    const params: number[] = [];
    let bits = 2 + 4; // coding method + partition order
    for (let part = 0; part < partitions; part++) {
      const start = part === 0 ? order : part * size;
      const end = (part + 1) * size;
      const cost = bestParam(residual, start, end);
      params.push(cost.param);
      bits += PARAM_BITS + cost.bits;
    }
    if (!best || bits < best.bits) best = { partitionOrder: p, params, bits };
  }
  // blockSize > order always holds for the orders tried, so p = 0 is always planned.
  return best!;
}

function bestParam(residual: Int32Array, start: number, end: number): { param: number; bits: number } {
  let sum = 0;
  for (let i = start; i < end; i++) sum += fold(residual[i]!);
  const n = end - start;
  if (n === 0) return { param: 0, bits: 0 };
  // The optimum sits next to log2(mean); check the neighbours exactly.
  const guess = Math.max(0, Math.min(MAX_PARAM, Math.floor(Math.log2(Math.max(1, sum / n)))));
  let best = { param: guess, bits: Number.POSITIVE_INFINITY };
  for (let k = Math.max(0, guess - 1); k <= Math.min(MAX_PARAM, guess + 1); k++) {
    let bits = n * (k + 1);
    for (let i = start; i < end; i++) bits += Math.floor(fold(residual[i]!) / 2 ** k);
    if (bits < best.bits) best = { param: k, bits };
  }
  return best;
}

function writeResidual(out: BitWriter, residual: Int32Array, order: number, plan: RicePlan): void {
  out.write(0b01, 2);
  out.write(plan.partitionOrder, 4);
  const size = residual.length >> plan.partitionOrder;
  plan.params.forEach((k, part) => {
    out.write(k, PARAM_BITS);
    const start = part === 0 ? order : part * size;
    const end = (part + 1) * size;
    for (let i = start; i < end; i++) {
      const u = fold(residual[i]!);
      const q = Math.floor(u / 2 ** k);
      out.writeUnary(q);
      if (k > 0) out.write(u - q * 2 ** k, k);
    }
  });
}
