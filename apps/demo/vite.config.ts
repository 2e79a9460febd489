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

export default defineConfig({
  // Relative asset URLs: the built folder works from any path (a project page, a file server).
  base: './',
  resolve: {
    conditions: ['source', ...defaultClientConditions],
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
});
