export {
  type ConvRewrite,
  KOKORO_CPU,
  modelTransform,
  OPTIMIZER_VERSION,
  type OptimizeOptions,
  type OptimizeResult,
  optimizeModel,
  type SpectralConvOptions,
} from './optimize';
export { type ConvShape, planSpectralConv, type SpectralPlan } from './spectral-conv';
