// `vite dev` only (see vite.config.ts): the two browser-safe modules of @sst-tricks/nri the NRI
// page uses. The package has one entry point, which also re-exports its Node-only parts (the
// dataset reader and writer import node:fs statically; training imports node:worker_threads).
// A production build tree-shakes those away (the package is sideEffects: false), but the dev
// server evaluates every module of the entry, and the browser stub of node:fs throws on access.
export { generateGraphLayout } from '../../../../../packages/nri/src/data/graph-layout.ts';
export { MAX_SAMPLE_INDEX } from '../../../../../packages/nri/src/data/seed-stream.ts';
