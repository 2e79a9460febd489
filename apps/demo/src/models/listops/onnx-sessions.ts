// onnxruntime-web for the ListOps page (configured as the NRI page's: wasm, one thread, in the
// page): the arc scorer and the value graph, each checked against the card, run on one
// expression at a time.
import * as ort from 'onnxruntime-web/wasm';
import { configureRuntime } from '../nri/onnx-session';
import type { ListOpsModelCard } from './model-card';

export interface ListOpsModels {
  arcScores(ids: Int32Array): Promise<Float32Array>;
  valueLogits(ids: Int32Array, heads: readonly number[]): Promise<Float32Array>;
}

async function open(url: string, card: ListOpsModelCard['scorer' | 'value']) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== card.bytes)
    throw new Error(`${url}: ${bytes.length} bytes, its card says ${card.bytes}`);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  if (
    session.inputNames.join() !== card.inputs.join() ||
    session.outputNames.join() !== card.output
  )
    throw new Error(
      `${url}: expected inputs ${card.inputs.join(', ')} and output ${card.output}, the model has ${session.inputNames.join(', ')} and ${session.outputNames.join(', ')}`,
    );
  return session;
}

async function output(
  session: ort.InferenceSession,
  feeds: Record<string, ort.Tensor>,
  name: string,
  size: number,
) {
  const data = (await session.run(feeds))[name].data;
  if (!(data instanceof Float32Array) || data.length !== size)
    throw new Error(`${name}: expected ${size} float32 values, got ${data.length}`);
  return data;
}

export async function openListOpsModels(
  scorerUrl: string,
  valueUrl: string,
  card: ListOpsModelCard,
): Promise<ListOpsModels> {
  configureRuntime();
  const [scorer, value] = await Promise.all([
    open(scorerUrl, card.scorer),
    open(valueUrl, card.value),
  ]);
  const common = (ids: Int32Array) => ({
    token_ids: new ort.Tensor('int32', ids, [1, ids.length]),
    lengths: new ort.Tensor('int32', Int32Array.of(ids.length), [1]),
  });
  return {
    arcScores: (ids) => output(scorer, common(ids), card.scorer.output, ids.length * ids.length),
    valueLogits: (ids, heads) =>
      output(
        value,
        { ...common(ids), heads: new ort.Tensor('int32', Int32Array.from(heads), [1, ids.length]) },
        card.value.output,
        10,
      ),
  };
}
