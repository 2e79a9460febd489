// The data contract. A training batch is asked for once per step, in order; to resume exactly, the
// loop must be able to put the stream back where a checkpoint found it. Two shapes cover that:
// - a batch function `(context) => batch` that draws everything it needs from `context.generator`
//   (a dedicated data generator whose state the checkpoint keeps — nothing else to save), e.g.
//   "sample 32 trajectory indices" or "generate 32 synthetic reviews";
// - a DataStream with its own position (`getState`/`setState`), e.g. an epoch-shuffled file reader.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import { disposeBatchTensors } from './dispose-batch.js';
import type { JsonValue } from './json.js';

/** What the data source gets for each batch. */
export interface BatchContext {
  /** Updates completed before the step this batch is for. */
  readonly step: number;
  /** The data generator: separate from the model's, and checkpointed. */
  readonly generator: RandomGenerator;
}

export interface DataStream<Batch> {
  /** The next training batch (a Promise is awaited). */
  next(context: BatchContext): Batch | Promise<Batch>;
  /** The stream's position as JSON, saved in every checkpoint. Needed when `next` keeps state. */
  getState?(): JsonValue;
  /** Puts the stream back at a position `getState` returned (called once, before resuming). */
  setState?(state: JsonValue): void | Promise<void>;
  /** Frees a batch after its step; by default every tensor in it (through arrays and plain objects). */
  release?(batch: Batch): void;
}

export type BatchFunction<Batch> = (context: BatchContext) => Batch | Promise<Batch>;

/** Either form; a function is a stateless stream. */
export type TrainingData<Batch> = DataStream<Batch> | BatchFunction<Batch>;

/** The DataStream form of `data`, with `release` filled in; TypeError if it is neither form. */
export function toDataStream<Batch>(
  data: TrainingData<Batch>,
): Required<Pick<DataStream<Batch>, 'next' | 'release'>> & DataStream<Batch> {
  if (typeof data === 'function') {
    return { next: data, release: disposeBatchTensors };
  }
  if (typeof data !== 'object' || data === null || typeof data.next !== 'function') {
    throw new TypeError(
      `train: options.data must be a batch function or an object with a next() method, got ${data === null ? 'null' : typeof data}`,
    );
  }
  if ((data.getState === undefined) !== (data.setState === undefined)) {
    throw new TypeError(
      'train: options.data must define both getState() and setState(), or neither',
    );
  }
  return {
    next: (context) => data.next(context),
    getState: data.getState?.bind(data),
    setState: data.setState?.bind(data),
    release: data.release?.bind(data) ?? disposeBatchTensors,
  };
}

/**
 * A resumable DataStream over a deterministic iterable: `open()` must yield the same sequence
 * every time it is called (seed it). The position is the number of batches consumed; `setState`
 * reopens and skips that many (releasing them), which costs generating them again — fine for
 * synthetic data, wasteful for expensive pipelines (give those a real `getState`).
 */
export function iterableData<Batch>(
  open: () => Iterable<Batch> | AsyncIterable<Batch>,
  release: (batch: Batch) => void = disposeBatchTensors,
): DataStream<Batch> {
  if (typeof open !== 'function') {
    throw new TypeError(`iterableData: open must be a function, got ${typeof open}`);
  }
  let iterator = startIterator(open());
  let consumed = 0;
  const pull = async (): Promise<Batch> => {
    const result = await iterator.next();
    if (result.done) {
      throw new RangeError(`iterableData: the iterable ended after ${consumed} batches`);
    }
    consumed += 1;
    return result.value;
  };
  return {
    next: pull,
    getState: () => ({ consumed }),
    async setState(state) {
      const target = (state as { consumed?: unknown } | null)?.consumed;
      if (typeof target !== 'number' || !Number.isSafeInteger(target) || target < 0) {
        throw new RangeError(
          `iterableData: state.consumed must be a non-negative integer, got ${JSON.stringify(target)}`,
        );
      }
      await iterator.return?.();
      iterator = startIterator(open());
      consumed = 0;
      while (consumed < target) release(await pull());
    },
    release,
  };
}

function startIterator<Batch>(
  iterable: Iterable<Batch> | AsyncIterable<Batch>,
): Iterator<Batch> | AsyncIterator<Batch> {
  if (
    iterable != null &&
    typeof (iterable as AsyncIterable<Batch>)[Symbol.asyncIterator] === 'function'
  ) {
    return (iterable as AsyncIterable<Batch>)[Symbol.asyncIterator]();
  }
  if (iterable != null && typeof (iterable as Iterable<Batch>)[Symbol.iterator] === 'function') {
    return (iterable as Iterable<Batch>)[Symbol.iterator]();
  }
  throw new TypeError('iterableData: open() must return an iterable or an async iterable');
}
