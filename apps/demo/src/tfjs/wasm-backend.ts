// Starts tfjs's wasm backend inside a web worker, single-threaded. The multi-threaded build fails
// in a minified Vite bundle on a cross-origin-isolated page (a ReferenceError inside its own
// worker, and the backend never starts — measured, see issue 21), so threads are switched off
// before the backend initialises and only the plain and SIMD binaries are shipped; tfjs picks SIMD
// when the browser supports it. Vite copies the .wasm files and gives their hashed URLs.
import { selectBackend } from '@sst-tricks/sst-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';

let started: Promise<string> | undefined;

/** Resolves to the backend's name ('wasm') once it runs; also reports whether SIMD is on. */
export function startWasmBackend(): Promise<string> {
  started ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': plainWasm,
      'tfjs-backend-wasm-simd.wasm': simdWasm,
      // Never fetched (threads are off); named so a wrong path fails loudly instead of guessing.
      'tfjs-backend-wasm-threaded-simd.wasm': simdWasm,
    });
    const name = await selectBackend('wasm');
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return `${name}${simd ? ' (SIMD, 1 thread)' : ' (1 thread)'}`;
  })();
  return started;
}
