// Types of ./browser.js (the same as every `#espeak-ng` target).
export * from './index';
export { default } from './index';
