import { messageOf, type OnnxRuntime } from '@kokoro-kit/runtime-onnx';
import { keyPart } from './cache';
import { ortVersion } from './ort';
import type { LoadContext, WasmRuntime } from './runtime';
import { canaryInput, compareWaveforms, SELF_TEST_VERSION } from './self-test';

export interface Verdict {
  /** 'unavailable': the model did not load or run on WebGPU (not cached). */
  outcome: 'passed' | 'failed' | 'unavailable';
  detail: string;
}

export interface SelfTestResult {
  verdict: Verdict;
  /** The verdict came from the cache. */
  cached: boolean;
  /** The WebGPU runtime, when the verdict passed. */
  webgpu?: OnnxRuntime;
  /** The wasm runtime, when one was opened for the test and WebGPU failed (reused, not reloaded). */
  wasm?: WasmRuntime;
}

/**
 * The self-test on first use: the canary through the model on WebGPU and on wasm, compared
 * with `compareWaveforms`. Numeric verdicts are cached per adapter, onnxruntime-web version,
 * self-test version and model; failures to load or run are not (they may be passing trouble).
 */
export async function runSelfTest(
  context: LoadContext,
  adapter: string,
  open: { openWebGpu: () => Promise<OnnxRuntime>; openWasm: () => Promise<WasmRuntime> },
): Promise<SelfTestResult> {
  const { store } = context;
  const key = store
    ? `self-test/v${SELF_TEST_VERSION}/onnxruntime-web-${keyPart(ortVersion(context.ort))}/${keyPart(adapter)}/${await context.digest()}`
    : undefined;
  const cached = store && key ? parseVerdict(await store.get(key)) : undefined;
  if (cached && cached.outcome !== 'passed') return { verdict: cached, cached: true };

  let webgpu: OnnxRuntime;
  try {
    webgpu = await open.openWebGpu();
  } catch (error) {
    return {
      verdict: { outcome: 'unavailable', detail: `the model did not load on WebGPU: ${messageOf(error)}` },
      cached: false,
    };
  }
  if (cached) return { verdict: cached, cached: true, webgpu };

  const wasm = await open.openWasm().catch(async (error: unknown) => {
    await webgpu.dispose().catch(() => undefined);
    throw error;
  });
  const { verdict, numeric } = await compareOnCanary(webgpu, wasm.runtime);
  if (numeric && store && key) await store.put(key, JSON.stringify(verdict));
  if (verdict.outcome === 'passed') {
    await wasm.runtime.dispose();
    return { verdict, cached: false, webgpu };
  }
  await webgpu.dispose().catch(() => undefined);
  return { verdict, cached: false, wasm };
}

async function compareOnCanary(
  webgpu: OnnxRuntime,
  wasm: OnnxRuntime,
): Promise<{ verdict: Verdict; numeric: boolean }> {
  const reference = await wasm.run(canaryInput());
  let candidate: Float32Array;
  try {
    candidate = (await webgpu.run(canaryInput())).waveform;
  } catch (error) {
    return {
      verdict: { outcome: 'unavailable', detail: `running the model on WebGPU failed: ${messageOf(error)}` },
      numeric: false,
    };
  }
  const { passed, detail } = compareWaveforms(reference.waveform, candidate);
  return { verdict: { outcome: passed ? 'passed' : 'failed', detail }, numeric: true };
}

function parseVerdict(bytes: Uint8Array | undefined): Verdict | undefined {
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Verdict>;
    return (value.outcome === 'passed' || value.outcome === 'failed') && typeof value.detail === 'string'
      ? { outcome: value.outcome, detail: value.detail }
      : undefined;
  } catch {
    return undefined;
  }
}
