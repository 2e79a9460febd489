// The demo site: a multi-page static build. Workspace packages resolve to their TypeScript
// sources (the `source` export condition, as in the tests), so no package build is needed first.
import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig } from 'vite';
import { offlineServiceWorker } from './build/offline-service-worker.ts';

const pages = [
  'index',
  'playground',
  'train',
  'curves',
  'models/nri',
  'models/listops',
  'models/l2x',
] as const;

export default defineConfig(({ command }) => ({
  // Relative asset URLs: the built folder works from any path (a project page, a file server).
  base: './',
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    // The dev server evaluates all of @sst-tricks/nri's entry, Node-only modules included; it
    // gets the NRI page's two browser-safe modules instead (src/models/nri/nri-data-dev.ts).
    // The build keeps the real entry and tree-shakes it.
    alias:
      command === 'serve'
        ? [
            {
              find: /^@sst-tricks\/nri$/,
              replacement: resolve(import.meta.dirname, 'src/models/nri/nri-data-dev.ts'),
            },
          ]
        : [],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: Object.fromEntries(
        pages.map((page) => [page, resolve(import.meta.dirname, `${page}.html`)]),
      ),
    },
  },
  plugins: [offlineServiceWorker()],
}));
