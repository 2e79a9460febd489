// onnxruntime-web for the NRI page: the wasm backend, one thread, in the page (no proxy worker).
// Where the runtime finds its binary under Vite: onnxruntime-web's bundle (the `/wasm` entry,
// CPU only, its Emscripten glue inlined) looks for `ort-wasm-simd-threaded.wasm` next to itself
// via `new URL(…, import.meta.url)`, which breaks when a dev server pre-bundles the package. So
// the binary is imported as a Vite asset (`?url`: hashed into dist/assets/, precached offline)
// and handed over in `env.wasm.wasmPaths`; the runtime fetches exactly that URL. The build is
// the "threaded" one (1.30 ships no other CPU build), run with numThreads = 1: no
// SharedArrayBuffer, so no cross-origin isolation is needed.

import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import * as ort from 'onnxruntime-web/wasm';
import type { NriModelCard } from './model-card';

let configured = false;

/** Shared by the model pages (the ListOps and L2X pages run the same runtime). */
export function configureRuntime(): void {
  if (configured) return;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  ort.env.logLevel = 'error';
  configured = true;
}

export interface NriEncoder {
  /** One trajectory `[frames, nodes, features]` → its `n(n−1)/2` edge logits. */
  edgeLogits(trajectories: Float32Array): Promise<Float32Array>;
}

/** Fetches the model and opens a session, checking its input and output against the card. */
export async function openNriEncoder(modelUrl: string, card: NriModelCard): Promise<NriEncoder> {
  configureRuntime();
  const response = await fetch(modelUrl);
  if (!response.ok) throw new Error(`${modelUrl}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== card.bytes)
    throw new Error(`${modelUrl}: ${bytes.length} bytes, its card says ${card.bytes}`);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const { frames, nodes, features } = card.input;
  const expected = [frames, nodes, features];
  const input = session.inputMetadata[0];
  const dims = input?.isTensor ? input.shape.slice(1) : [];
  if (
    session.inputNames.length !== 1 ||
    session.inputNames[0] !== card.input.name ||
    dims.join() !== expected.join()
  )
    throw new Error(
      `${modelUrl}: expected one input ${card.input.name} [batch, ${expected.join(', ')}], the model has ${session.inputNames.join(', ')} [batch, ${dims.join(', ')}]`,
    );
  if (session.outputNames.length !== 1 || session.outputNames[0] !== card.output.name)
    throw new Error(
      `${modelUrl}: expected one output ${card.output.name}, the model has ${session.outputNames.join(', ')}`,
    );
  const width = (nodes * (nodes - 1)) / 2;
  return {
    async edgeLogits(trajectories) {
      if (trajectories.length !== frames * nodes * features)
        throw new RangeError(
          `trajectories must hold ${frames}×${nodes}×${features} values, got ${trajectories.length}`,
        );
      const feeds = {
        [card.input.name]: new ort.Tensor('float32', trajectories, [1, ...expected]),
      };
      const out = await session.run(feeds);
      const logits = out[card.output.name];
      const data = logits.data;
      if (!(data instanceof Float32Array) || data.length !== width)
        throw new Error(
          `${card.output.name}: expected ${width} float32 edge logits, got ${data.length} ${logits.type}`,
        );
      return data;
    },
  };
}
