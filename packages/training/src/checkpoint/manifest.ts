// Reads a manifest's JSON and checks every field before any of it is trusted, so a hand-edited,
// truncated or foreign file fails with the field that is wrong rather than deep inside a restore.
import { show } from '../check.js';
import { CheckpointError } from './errors.js';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointManifest,
  type TensorEntry,
} from './format.js';

type Json = Record<string, unknown>;

/** The validated manifest in `text`; CheckpointError naming `where` and the field otherwise. */
export function parseManifest(text: string, where: string): CheckpointManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(
      `${where}: the manifest is not valid JSON (${(error as Error).message})`,
    );
  }
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new CheckpointError(`${where}: manifest.${field} must be ${expected}, got ${show(got)}`);
  };
  const object = (field: string, v: unknown): Json =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Json)
      : fail(field, 'an object', v);
  const integer = (field: string, v: unknown): number =>
    Number.isSafeInteger(v) && (v as number) >= 0
      ? (v as number)
      : fail(field, 'a non-negative integer', v);
  const nullable = (field: string, v: unknown, check: (f: string, x: unknown) => unknown) =>
    v === null ? null : check(field, v);

  const root = object('', value);
  if (root.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      `${where}: not a checkpoint manifest (format ${show(root.format)}, expected '${CHECKPOINT_FORMAT}')`,
    );
  }
  if (root.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      `${where}: checkpoint format version ${show(root.version)} is not supported (this package reads version ${CHECKPOINT_VERSION})`,
    );
  }
  integer('step', root.step);
  const payload = object('payload', root.payload);
  if (typeof payload.file !== 'string' || !/^[^/\\]+$/.test(payload.file)) {
    fail('payload.file', 'a file name', payload.file);
  }
  const bytes = integer('payload.bytes', payload.bytes);
  if (typeof payload.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(payload.sha256)) {
    fail('payload.sha256', 'a SHA-256 hex digest', payload.sha256);
  }

  const entries = (field: string, v: unknown, withTrainable: boolean): TensorEntry[] => {
    if (!Array.isArray(v)) fail(field, 'an array', v);
    const names = new Set<string>();
    return (v as unknown[]).map((item, i) => {
      const at = `${field}[${i}]`;
      const entry = object(at, item);
      if (typeof entry.name !== 'string' || entry.name === '')
        fail(`${at}.name`, 'a non-empty string', entry.name);
      if (names.has(entry.name as string)) fail(`${at}.name`, 'unique', entry.name);
      names.add(entry.name as string);
      if (entry.dtype !== 'float32' && entry.dtype !== 'int32')
        fail(`${at}.dtype`, "'float32' or 'int32'", entry.dtype);
      if (!Array.isArray(entry.shape)) fail(`${at}.shape`, 'an array', entry.shape);
      const shape = entry.shape as unknown[];
      shape.forEach((d, k) => {
        integer(`${at}.shape[${k}]`, d);
      });
      const length = integer(`${at}.length`, entry.length);
      const size = (shape as number[]).reduce((a, b) => a * b, 1);
      if (size !== length) fail(`${at}.length`, `the product of its shape (${size})`, length);
      const offset = integer(`${at}.offset`, entry.offset);
      if (offset % 4 !== 0 || offset + 4 * length > bytes) {
        fail(
          `${at}.offset`,
          `a multiple of 4 with the tensor inside the ${bytes}-byte payload`,
          offset,
        );
      }
      if (withTrainable && typeof entry.trainable !== 'boolean')
        fail(`${at}.trainable`, 'a boolean', entry.trainable);
      return entry as unknown as TensorEntry;
    });
  };
  entries('variables', root.variables, true);
  const optimizer = object('optimizer', root.optimizer);
  entries('optimizer.weights', optimizer.weights, false);
  entries('optimizer.extras', optimizer.extras, false);

  const generators = object('generators', root.generators);
  object('generators.model', generators.model);
  object('generators.data', generators.data);

  const options = object('options', root.options);
  integer('options.steps', options.steps);
  if (!Number.isSafeInteger(options.seed)) fail('options.seed', 'a safe integer', options.seed);
  const record = object('options.optimizer', options.optimizer);
  if (typeof record.className !== 'string')
    fail('options.optimizer.className', 'a string', record.className);
  if (typeof record.builtIn !== 'boolean')
    fail('options.optimizer.builtIn', 'a boolean', record.builtIn);
  const positive = (field: string, v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0
      ? v
      : fail(field, 'a number > 0 or null', v);
  nullable('options.clipGradientNorm', options.clipGradientNorm, positive);
  for (const key of ['evaluationEvery', 'checkpointEvery', 'logEvery', 'evaluationSeed']) {
    nullable(`options.${key}`, options[key], integer);
  }
  if (options.workers !== undefined) integer('options.workers', options.workers);
  if (options.microBatches !== undefined) integer('options.microBatches', options.microBatches);

  const progress = object('progress', root.progress);
  if (typeof progress.elapsedSeconds !== 'number' || !(progress.elapsedSeconds >= 0)) {
    fail('progress.elapsedSeconds', 'a number ≥ 0', progress.elapsedSeconds);
  }
  if (progress.loss !== null && typeof progress.loss !== 'number')
    fail('progress.loss', 'a number or null', progress.loss);
  if (!Array.isArray(progress.evaluations))
    fail('progress.evaluations', 'an array', progress.evaluations);
  (progress.evaluations as unknown[]).forEach((item, i) => {
    const evaluation = object(`progress.evaluations[${i}]`, item);
    integer(`progress.evaluations[${i}].step`, evaluation.step);
    const metrics = object(`progress.evaluations[${i}].metrics`, evaluation.metrics);
    for (const [name, metric] of Object.entries(metrics)) {
      if (typeof metric !== 'number')
        fail(`progress.evaluations[${i}].metrics.${name}`, 'a number', metric);
    }
  });
  if (!('data' in root)) fail('data', 'present (null for a batch function)', undefined);
  if (!('metadata' in root)) fail('metadata', 'present (null when none)', undefined);
  return root as unknown as CheckpointManifest;
}
