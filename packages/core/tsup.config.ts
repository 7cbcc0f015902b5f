import { packageBuild } from '../../tools/tsup/config';

export default packageBuild(['src/index.ts', 'src/testing/index.ts', 'src/properties/index.ts']);
