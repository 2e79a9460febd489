// Test helpers for packages built on sst-core (the `@sst-tricks/sst-core/testing` subpath; needs
// vitest, an optional peer dependency). "Tests are written once and run on each backend":
// describeEachBackend repeats a block under cpu (the reference) and wasm (the default).
// SST_TEST_BACKENDS=cpu (or wasm, or cpu,wasm) narrows the run while debugging.
import { beforeAll, describe } from 'vitest';
import { selectBackend } from '../backend/select-backend.js';

export const BACKENDS = ['cpu', 'wasm'] as const;
export type TestBackend = (typeof BACKENDS)[number];

function enabledBackends(): readonly TestBackend[] {
  const filter = process.env.SST_TEST_BACKENDS;
  if (filter === undefined || filter.trim() === '') return BACKENDS;
  const wanted = filter.split(',').map((name) => name.trim());
  return BACKENDS.filter((backend) => wanted.includes(backend));
}

/** Runs `fn`'s tests once per backend, in a `describe` titled `${title} [backend]`. */
export function describeEachBackend(title: string, fn: (backend: TestBackend) => void): void {
  for (const backend of enabledBackends()) {
    describe(`${title} [${backend}]`, () => {
      // The first selectBackend of a test file also registers the gradients: seconds, not ms.
      beforeAll(async () => {
        await selectBackend(backend);
      }, 60_000);
      fn(backend);
    });
  }
}

/** For tests that need some backend but not both: cpu, set once per file. */
export function describeOnCpu(title: string, fn: () => void): void {
  describe(title, () => {
    beforeAll(async () => {
      await selectBackend('cpu');
    }, 60_000);
    fn();
  });
}
