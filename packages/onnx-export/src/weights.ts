// Where an exporter reads trained weights: by checkpoint variable name (the training loop's
// names, e.g. "encoder.mlp1.fc1.weights"), from a checkpoint file or a live model's variables.
import type { LoadedCheckpoint } from '@sst-tricks/training';
import { OnnxExportError } from './builder/errors.js';
import { formatShape } from './builder/shape.js';

export interface Weight {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export type WeightSource = ReadonlyMap<string, Weight>;

/** The float32 variables of a checkpoint read by @sst-tricks/training's `readCheckpoint`. */
export function weightsFromCheckpoint(
  checkpoint: Pick<LoadedCheckpoint, 'variables'>,
): WeightSource {
  const out = new Map<string, Weight>();
  for (const v of checkpoint.variables)
    if (v.values instanceof Float32Array) out.set(v.name, { shape: v.shape, values: v.values });
  return out;
}

/** Copies of tfjs variables' values (e.g. `NriModel.variables`). */
export function weightsFromVariables(
  variables: Readonly<Record<string, { shape: number[]; dtype: string; dataSync(): unknown }>>,
): WeightSource {
  const out = new Map<string, Weight>();
  for (const [name, v] of Object.entries(variables))
    if (v.dtype === 'float32')
      out.set(name, {
        shape: [...v.shape],
        values: Float32Array.from(v.dataSync() as Float32Array),
      });
  return out;
}

/** The weight `name`, checked to have `shape`; OnnxExportError naming it otherwise. */
export function requireWeight(
  source: WeightSource,
  name: string,
  shape: readonly number[],
): Weight {
  const weight = source.get(name);
  if (weight === undefined)
    throw new OnnxExportError(
      `weights: variable '${name}' is missing (not a checkpoint of this model?)`,
    );
  if (weight.shape.length !== shape.length || weight.shape.some((d, i) => d !== shape[i]))
    throw new OnnxExportError(
      `weights: variable '${name}' has shape ${formatShape(weight.shape)}, the model configuration needs ${formatShape(shape)}`,
    );
  return weight;
}
