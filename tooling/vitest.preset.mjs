// Shared vitest settings: resolve workspace packages to their TypeScript sources (the
// "source" export condition) so tests never depend on a previous build.
// Plain JS: vitest loads config dependencies from node_modules without transpiling them.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The test processes run with the TypeScript source hooks, so that a worker thread a test starts
// (which inherits process.execArgv, e.g. a parallel restart candidate) can load the sources too.
const sourceExecArgv = [
  '--conditions=source',
  '--import',
  fileURLToPath(new URL('./ts-source/register.mjs', import.meta.url)),
];

export const vitestPreset = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    execArgv: sourceExecArgv,
    // `pnpm test` runs every package's tests at once on what may be a 2-core machine: a test
    // that takes 2 s alone has been seen to pass 5 s (vitest's default limit) under that load.
    // Tests assert results, never time, so the limit only has to catch a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // tfjs-core's ESM build (loaded for its gradients, see sst-core's backend/gradients.ts) does
    // not declare "type": "module"; without this vitest transforms all of it (3–4 s per file).
    server: { deps: { external: [/@tensorflow\/tfjs-core\/dist\//] } },
  },
});
