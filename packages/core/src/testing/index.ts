/**
 * Contract test suites. Every adapter's tests call the suite for the contract it implements, so
 * "implements G2P" means the same thing everywhere. Import from `@kokoro-kit/core/testing` in a
 * vitest test file; vitest is an optional peer dependency needed only here.
 */
export { type G2PContractOptions, testG2P } from './g2p';
export { type ModelRuntimeContractOptions, testModelRuntime } from './model-runtime';
export { type TokenizerContractOptions, testTokenizer } from './tokenizer';
export { testVoiceStore, type VoiceStoreContractOptions } from './voice-store';
