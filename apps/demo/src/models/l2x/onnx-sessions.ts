// onnxruntime-web for the L2X page (configured as the NRI page's: wasm, one thread): the
// explainer (token ids → word and pair logits) and the predictor (ids + hard selection →
// rating), each checked against the card (size, input and output names) when opened.
import * as ort from 'onnxruntime-web/wasm';
import { configureRuntime } from '../nri/onnx-session';
import type { L2xModelCard } from './model-card';

export interface L2xModels {
  /** One review's ids [n] → word logits [n] and (correlated) pair logits [n − 1]. */
  logits(ids: readonly number[]): Promise<{ word: Float32Array; pair?: Float32Array }>;
  /** One review's ids and selection mask [n] → the predicted rating. */
  rating(ids: readonly number[], selection: ArrayLike<number>): Promise<number>;
}

async function open(url: string, bytes: number, inputs: string[], outputs: string[]) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data = new Uint8Array(await response.arrayBuffer());
  if (data.length !== bytes)
    throw new Error(`${url}: ${data.length} bytes, its card says ${bytes}`);
  const session = await ort.InferenceSession.create(data, { executionProviders: ['wasm'] });
  if (session.inputNames.join() !== inputs.join() || session.outputNames.join() !== outputs.join())
    throw new Error(
      `${url}: expected inputs ${inputs.join(', ')} and outputs ${outputs.join(', ')}, the model has ${session.inputNames.join(', ')} and ${session.outputNames.join(', ')}`,
    );
  return session;
}

export async function openL2xModels(
  explainerUrl: string,
  predictorUrl: string,
  card: L2xModelCard,
): Promise<L2xModels> {
  configureRuntime();
  const correlated = card.model.structure.name === 'correlated-top-k';
  const explainer = await open(
    explainerUrl,
    card.explainer.bytes,
    ['token_ids'],
    correlated ? ['word_logits', 'pair_logits'] : ['word_logits'],
  );
  const predictor = await open(
    predictorUrl,
    card.predictor.bytes,
    ['token_ids', 'selection'],
    ['rating'],
  );
  const idTensor = (ids: readonly number[]) =>
    new ort.Tensor(
      'int64',
      BigInt64Array.from(ids, (id) => BigInt(id)),
      [1, ids.length],
    );
  return {
    async logits(ids) {
      const out = await explainer.run({ token_ids: idTensor(ids) });
      const word = out.word_logits.data as Float32Array;
      return correlated ? { word, pair: out.pair_logits.data as Float32Array } : { word };
    },
    async rating(ids, selection) {
      const out = await predictor.run({
        token_ids: idTensor(ids),
        selection: new ort.Tensor('float32', Float32Array.from(selection), [1, ids.length]),
      });
      return (out.rating.data as Float32Array)[0];
    },
  };
}
