// The shared per-backend test helper lives in the package's testing subpath (used by the
// packages built on sst-core too).
export * from '../src/testing/index.js';
