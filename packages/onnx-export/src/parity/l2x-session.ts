// An exported L2X explainer in onnxruntime (node, or web's wasm backend): token ids in as int64,
// word (and pair) logits out. Kept apart from `openSession`, whose feeds are float32.
import { L2X_INPUT, L2X_PAIR_OUTPUT, L2X_WORD_OUTPUT } from '../l2x/explainer-graph.js';
import type { L2xLogits } from './l2x-reference.js';
import type { Runtime } from './runtime.js';
import { ortModule } from './runtime.js';

export interface L2xSession {
  readonly outputNames: readonly string[];
  /** ids [batch, length] row-major (any integer array; sent as int64). */
  run(ids: ArrayLike<number>, batch: number, length: number): Promise<L2xLogits>;
  release(): Promise<void>;
}

export async function openL2xSession(runtime: Runtime, bytes: Uint8Array): Promise<L2xSession> {
  const ort = await ortModule(runtime);
  const session = await ort.InferenceSession.create(bytes);
  return {
    outputNames: session.outputNames,
    async run(ids, batch, length) {
      const data = BigInt64Array.from(Array.from(ids, (id) => BigInt(id)));
      const out = await session.run({
        [L2X_INPUT]: new ort.Tensor('int64', data, [batch, length]),
      });
      const word = out[L2X_WORD_OUTPUT].data as Float32Array;
      const pair = out[L2X_PAIR_OUTPUT]?.data as Float32Array | undefined;
      return pair === undefined ? { word } : { word, pair };
    },
    release: () => session.release(),
  };
}
