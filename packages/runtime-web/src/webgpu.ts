import { messageOf } from '@kokoro-kit/runtime-onnx';
import type { OrtWeb } from './ort';

/**
 * The WebGPU capability probe: is there an adapter, and which one. The adapter's description
 * keys the self-test verdict, since garbled output is a property of a GPU and its driver.
 */
export type WebGpuProbe = { available: true; adapter: string } | { available: false; reason: string };

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}
interface Adapter {
  info?: AdapterInfo;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<AdapterInfo>;
}
interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<Adapter | null>;
}

export async function probeWebGpu(ort: OrtWeb): Promise<WebGpuProbe> {
  const gpu = (globalThis as { navigator?: { gpu?: Gpu } }).navigator?.gpu;
  if (gpu === undefined)
    return { available: false, reason: 'this environment has no WebGPU (navigator.gpu)' };
  let adapter: Adapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { available: false, reason: `requesting a WebGPU adapter failed: ${messageOf(error)}` };
  }
  if (adapter === null) return { available: false, reason: 'the browser offers no WebGPU adapter' };
  // Run on the adapter we describe (onnxruntime-web would otherwise request its own).
  const env = ort.env.webgpu as { adapter?: unknown };
  if (env.adapter === undefined) {
    try {
      env.adapter = adapter;
    } catch {
      // Already initialized by an earlier session: it keeps its adapter.
    }
  }
  return { available: true, adapter: await describeAdapter(adapter) };
}

async function describeAdapter(adapter: Adapter): Promise<string> {
  let info = adapter.info;
  if (info === undefined && typeof adapter.requestAdapterInfo === 'function') {
    info = await adapter.requestAdapterInfo().catch(() => undefined); // Chromium < 114
  }
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  const fallback =
    adapter.isFallbackAdapter === true ||
    (info as { isFallbackAdapter?: boolean })?.isFallbackAdapter === true;
  const name = parts.length > 0 ? parts.join(' / ') : 'unknown adapter';
  return fallback ? `${name} (fallback adapter)` : name;
}
