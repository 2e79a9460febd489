// The cross-replica sum behind Shard.sum (batch-norm statistics over the whole batch): each
// replica writes its values into its slot of a shared buffer, all meet at a barrier, and each
// adds the slots up in replica order — the same float32 additions in the same order everywhere,
// so every replica gets bit-identical sums (and a run is deterministic). As a tf.customGrad op,
// its gradient is the same sum of the replicas' upstream gradients: the loss is the sum of the
// replicas' losses, and each replica's input reaches every replica's output.
// Slots alternate between two halves by call parity, so one barrier per call suffices: a replica
// may write call k + 1 while a slower one still reads call k, but cannot reach call k + 2 before
// that slower one has arrived at k + 1, i.e. finished reading k.
import * as tf from '@tensorflow/tfjs-core';
import { Barrier, CONTROL } from './barrier.js';

export interface SumChannel {
  readonly control: Int32Array;
  /** 2 · replicas · capacity float32 slots. */
  readonly slots: Float32Array;
  readonly capacity: number;
  readonly replica: number;
  readonly replicas: number;
  readonly timeoutMs: number;
}

/** Float32 values per replica slot by default: batch-norm statistics of widths up to 16 384. */
export const DEFAULT_SUM_CAPACITY = 16384;

export function sumSlotsBytes(replicas: number, capacity: number): number {
  return 2 * replicas * capacity * Float32Array.BYTES_PER_ELEMENT;
}

/** The sum, and its barrier (whose wait counters profile the step). */
export type CrossReplicaSum = ((x: tf.Tensor) => tf.Tensor) & { readonly barrier: Barrier };

export function createCrossReplicaSum(channel: SumChannel): CrossReplicaSum {
  const { control, slots, capacity, replica, replicas } = channel;
  const barrier = new Barrier(control, replicas, channel.timeoutMs);
  let calls = 0;
  const reduce = (values: Float32Array | Int32Array | Uint8Array): Float32Array => {
    if (values.length > capacity) {
      throw new RangeError(
        `crossReplica.sum: ${values.length} values exceed the slot capacity ${capacity}`,
      );
    }
    const parity = calls & 1;
    calls += 1;
    const base = parity * replicas * capacity;
    slots.set(values, base + replica * capacity);
    Atomics.store(control, CONTROL.lengths + parity * replicas + replica, values.length);
    barrier.arrive();
    for (let r = 0; r < replicas; r++) {
      const length = Atomics.load(control, CONTROL.lengths + parity * replicas + r);
      if (length !== values.length) {
        throw new RangeError(
          `crossReplica.sum: replica ${replica} summed ${values.length} values but replica ${r} ${length} (the replicas' calls diverged)`,
        );
      }
    }
    const out = new Float32Array(values.length);
    for (let r = 0; r < replicas; r++) {
      const from = base + r * capacity;
      for (let i = 0; i < out.length; i++) out[i] += slots[from + i];
    }
    return out;
  };
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = args[0] as tf.Tensor;
    return {
      value: tf.tensor(reduce(x.dataSync() as Float32Array), x.shape, 'float32'),
      gradFunc: (dy: tf.Tensor) => tf.tensor(reduce(dy.dataSync() as Float32Array), dy.shape),
    };
  }) as unknown as (x: tf.Tensor) => tf.Tensor;
  const sum = (x: tf.Tensor) => {
    if (x.dtype !== 'float32') {
      throw new TypeError(`crossReplica.sum: x must be float32, got ${x.dtype}`);
    }
    return op(x);
  };
  return Object.assign(sum, { barrier });
}
