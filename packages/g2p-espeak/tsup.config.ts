import { packageBuild } from '../../tools/tsup/config';

// `#espeak-ng` stays an import: the consumer's resolver picks the Node or the browser glue.
export default packageBuild(['src/index.ts'], { external: ['#espeak-ng'] });
