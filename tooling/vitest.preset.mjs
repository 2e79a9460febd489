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
  },
});
