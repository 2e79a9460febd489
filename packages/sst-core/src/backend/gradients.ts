// Registers tfjs-core's gradient functions, which `@tensorflow/tfjs-core` alone never does: its
// CommonJS build (what Node resolves) contains none, and its ESM build only registers them from
// `dist/register_all_gradients.js`, a module that only the `@tensorflow/tfjs` bundle imports.
// Some of those gradients (Prod; GatherV2 with batchDims) call chained tensor methods
// (`x.reshape(…)`), which likewise exist only once `register_all_chained_ops.js` has run, so that
// is loaded too. Both copies of tfjs-core keep their registries and the Tensor class in one global
// namespace, so what the ESM copy registers serves the CommonJS `tf` as well.
import * as tf from '@tensorflow/tfjs-core';
import { TFJS_RESOLVE_HOOK_URL } from './resolve-hook.js';
import { isNode } from './runtime.js';

// Kernels whose gradients `register_all_gradients` always registers; when all of them are present
// someone (a bundle of `@tensorflow/tfjs`, an earlier call, another copy of this package) has done
// the work already.
const SENTINEL_KERNELS: readonly string[] = [
  tf.Sum,
  tf.BatchMatMul,
  tf.GatherV2,
  tf.Softmax,
  tf.Concat,
  tf.Slice,
];

// Shared by every copy of this module in the process (vitest re-evaluates modules per test file;
// an app may bundle two versions), so the resolve hook is registered at most once.
const HOOK_FLAG = Symbol.for('@sst-tricks/sst-core/tfjs-resolve-hook');

let pending: Promise<void> | undefined;

/** True when tfjs-core's gradient functions (and the chained ops they use) are registered. */
export function gradientsRegistered(): boolean {
  return (
    SENTINEL_KERNELS.every((kernel) => tf.getGradient(kernel) != null) &&
    typeof (tf.Tensor.prototype as { reshape?: unknown }).reshape === 'function'
  );
}

/**
 * Registers every tfjs-core gradient, once per process. In Node this installs a resolve hook
 * (`module.register`, Node ≥ 20.6) so the ESM gradient registry can load; under a bundler the
 * same dynamic import is bundled and needs no hook. Cheap after the first call; a no-op when the
 * gradients are already there.
 */
export function ensureGradients(): Promise<void> {
  if (gradientsRegistered()) return Promise.resolve();
  if (pending === undefined) {
    pending = loadGradients().catch((error: unknown) => {
      pending = undefined; // let a later call retry
      throw error;
    });
  }
  return pending;
}

async function loadGradients(): Promise<void> {
  if (isNode()) await registerResolveHook();
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  await import('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js');
  if (!gradientsRegistered()) {
    throw new Error(
      'ensureGradients: loaded @tensorflow/tfjs-core/dist/register_all_gradients.js but the ' +
        'gradients or chained ops are still missing (two tfjs-core versions not sharing one registry?)',
    );
  }
}

async function registerResolveHook(): Promise<void> {
  const flags = globalThis as Record<symbol, unknown>;
  if (flags[HOOK_FLAG] === true) return;
  const nodeModule = await import('node:module');
  if (typeof nodeModule.register !== 'function') {
    throw new Error(
      `ensureGradients: module.register() is missing in Node ${process.versions.node}; ` +
        'Node >= 20.6 is needed to load the tfjs-core gradients',
    );
  }
  nodeModule.register(TFJS_RESOLVE_HOOK_URL);
  flags[HOOK_FLAG] = true;
}
