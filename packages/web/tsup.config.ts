import { packageBuild } from '../../tools/tsup/config';

export default packageBuild([
  'src/index.ts',
  'src/worker.ts',
  'src/worker-api.ts',
  'src/languages/english.ts',
  'src/languages/espeak.ts',
  'src/languages/japanese.ts',
  'src/languages/mandarin.ts',
  'src/assets.ts',
]);
