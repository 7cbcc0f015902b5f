/**
 * For your own worker file: start the pipeline with the languages you choose. Each language
 * module lives in its own subpath (`@kokoro-kit/web/languages/english`, …) so a bundle holds only
 * the ones you import.
 *
 * ```ts
 * // my-worker.ts
 * import { startKokoroWorker } from '@kokoro-kit/web/worker-api';
 * import { englishLanguages } from '@kokoro-kit/web/languages/english';
 * startKokoroWorker({ languages: [englishLanguages()] });
 * ```
 */
export type { LanguageContext, LanguageModule } from './languages/types';
export { type KokoroWorkerOptions, startKokoroWorker, type WorkerEndpoint } from './worker-host';
