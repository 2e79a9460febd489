// onnxruntime-node and onnxruntime-web (its wasm backend, also in Node) behind one small
// interface: both are optional peer dependencies, loaded only when asked for.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export type Runtime = 'node' | 'web';

export interface RuntimeTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** A feed: float32, or int32 (token ids, lengths). */
export interface RuntimeFeed {
  readonly data: Float32Array | Int32Array;
  readonly dims: readonly number[];
}

type Ort = typeof import('onnxruntime-node');
const loaded = new Map<Runtime, Promise<Ort>>();

async function load(runtime: Runtime): Promise<Ort> {
  if (runtime === 'node') return import('onnxruntime-node');
  const web = (await import('onnxruntime-web')) as unknown as Ort & {
    env: { wasm: { numThreads: number; wasmPaths: string } };
  };
  // Node runs the wasm backend single-threaded; its .wasm files sit next to the entry point.
  web.env.wasm.numThreads = 1;
  web.env.wasm.wasmPaths = `${dirname(createRequire(import.meta.url).resolve('onnxruntime-web'))}/`;
  return web;
}

/** The runtime module (cached). */
export function ortModule(runtime: Runtime): Promise<Ort> {
  let module = loaded.get(runtime);
  if (module === undefined) {
    module = load(runtime);
    loaded.set(runtime, module);
  }
  return module;
}

/** A loaded model: run it on float32 feeds as often as needed, then release it. */
export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, RuntimeFeed>): Promise<Record<string, RuntimeTensor>>;
  release(): Promise<void>;
}

export async function openSession(runtime: Runtime, bytes: Uint8Array): Promise<ModelSession> {
  const ort = await ortModule(runtime);
  const session = await ort.InferenceSession.create(bytes);
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const inputs = Object.fromEntries(
        Object.entries(feeds).map(([k, v]) => [
          k,
          v.data instanceof Int32Array
            ? new ort.Tensor('int32', v.data, [...v.dims])
            : new ort.Tensor('float32', v.data, [...v.dims]),
        ]),
      );
      const out = await session.run(inputs);
      return Object.fromEntries(
        Object.entries(out).map(([k, t]) => [k, { data: t.data as Float32Array, dims: t.dims }]),
      );
    },
    release: () => session.release(),
  };
}
