import { vitestPreset } from '@sst-tricks/tooling/vitest';
import { defineConfig, mergeConfig } from 'vitest/config';

// The whole suite runs twice: once on the WebAssembly SIMD dense kernels and once on the pure-JS
// fallback (test/setup-kernels.ts selects the path from SST_SOLVERS_KERNELS).
const onPath = (kind: 'wasm-simd' | 'js') => ({
  extends: true as const,
  test: { name: kind, setupFiles: ['test/setup-kernels.ts'], env: { SST_SOLVERS_KERNELS: kind } },
});

export default mergeConfig(
  vitestPreset,
  defineConfig({ test: { projects: [onPath('wasm-simd'), onPath('js')] } }),
);
