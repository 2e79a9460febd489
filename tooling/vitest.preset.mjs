// Shared vitest settings: resolve workspace packages to their TypeScript sources (the
// "source" export condition) so tests never depend on a previous build.
// Plain JS: vitest loads config dependencies from node_modules without transpiling them.
import { defineConfig } from 'vitest/config';

export const vitestPreset = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // tfjs-core's ESM build (loaded for its gradients, see sst-core's backend/gradients.ts) does
    // not declare "type": "module"; without this vitest transforms all of it (3–4 s per file).
    server: { deps: { external: [/@tensorflow\/tfjs-core\/dist\//] } },
  },
});
