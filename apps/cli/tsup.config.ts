import { packageBuild } from '../../tools/tsup/config';

export default packageBuild(['src/index.ts', 'src/bin.ts'], { dts: { entry: 'src/index.ts' } });
