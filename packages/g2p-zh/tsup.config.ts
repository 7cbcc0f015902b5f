import { packageBuild } from '../../tools/tsup/config';

export default packageBuild(['src/index.ts', 'src/node.ts']);
