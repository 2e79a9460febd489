// The data generators' Box–Muller normals now live in sst-core (shared with @sst-tricks/nn's
// initialisers); re-exported so this package's imports and public API stay as they were.
export { fillStandardNormal } from '@sst-tricks/sst-core';
