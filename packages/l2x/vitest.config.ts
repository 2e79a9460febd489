import { vitestPreset } from '@sst-tricks/tooling/vitest';

export default vitestPreset;
