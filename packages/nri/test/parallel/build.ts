// Worker threads run the BUILT packages: bring nri's build and its dependencies' up to date first.
import { buildForWorkers as build } from '@sst-tricks/tooling/build-for-workers';

export function buildForWorkers(): void {
  build('@sst-tricks/nri');
}
