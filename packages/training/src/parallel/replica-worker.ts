// The worker-thread side of data-parallel training: selects the backend, builds the model's
// replica from its factory, then per step loads the shared variables, takes the gradients of its
// shard's loss under one tape (cross-replica sums inside), writes them to its gradient buffer and
// reports the loss and the generator state. Any failure is reported and raises the abort flag so
// that the other replicas stop waiting at a barrier.

import { parentPort, workerData } from 'node:worker_threads';
import type { BackendName } from '@sst-tricks/sst-core';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { disposeBatchTensors } from '../dispose-batch.js';
import type { ReplicaModel, Shard, StepContext } from '../model.js';
import { abortReplicas, ReplicaAbortedError } from './barrier.js';
import { decodeBatch } from './batch-transfer.js';
import { createCrossReplicaSum } from './cross-replica-sum.js';
import type {
  ReplicaWorkerData,
  StepRequest,
  WorkerReply,
  WorkerRequest,
} from './replica-protocol.js';
import { ShardedGenerator } from './sharded-generator.js';
import { readVariables } from './shared-variables.js';

const data = workerData as ReplicaWorkerData;
const port = parentPort;
if (port === null) throw new Error('replica-worker: must run in a worker thread');
const control = new Int32Array(data.control);

function reply(message: WorkerReply): void {
  port?.postMessage(message);
}

function fail(error: unknown): void {
  abortReplicas(control);
  reply({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
    aborted: error instanceof ReplicaAbortedError,
  });
}

async function build(): Promise<{ model: ReplicaModel<unknown>; variables: tf.Variable[] }> {
  await selectBackend(data.backend as BackendName);
  const module = (await import(data.factory.module)) as Record<string, unknown>;
  const factory = module[data.factory.exportName];
  if (typeof factory !== 'function') {
    throw new TypeError(
      `replica factory: ${data.factory.module} has no function export '${data.factory.exportName}'`,
    );
  }
  const model = (await factory(data.factory.config)) as ReplicaModel<unknown>;
  if (typeof model?.shardLoss !== 'function') {
    throw new TypeError(`replica factory '${data.factory.exportName}' returned no shardLoss()`);
  }
  const variables = data.layout.slots.map((slot) => {
    const variable = model.variables[slot.name];
    if (variable === undefined) {
      throw new RangeError(`replica: the replica has no variable '${slot.name}'`);
    }
    if (variable.shape.join(',') !== slot.shape.join(',') || variable.dtype !== slot.dtype) {
      throw new RangeError(
        `replica: variable '${slot.name}' is ${variable.dtype} [${variable.shape}] in the replica but ${slot.dtype} [${slot.shape}] in the main model`,
      );
    }
    return variable;
  });
  return { model, variables };
}

async function main(): Promise<void> {
  const { model, variables } = await build();
  const trainable = variables.filter((_, i) => data.layout.slots[i].trainable);
  const trainableSlots = data.layout.slots.filter((slot) => slot.trainable);
  const gradients = new Float32Array(data.gradients);
  const sum = createCrossReplicaSum({
    control,
    slots: new Float32Array(data.slots),
    capacity: data.capacity,
    replica: data.replica,
    replicas: data.replicas,
    timeoutMs: data.timeoutMs,
  });

  const step = (request: StepRequest): WorkerReply => {
    const t0 = performance.now();
    const waited = sum.barrier.waitedMs;
    const arrivals = sum.barrier.arrivals;
    readVariables(data.variables, data.layout, variables);
    const t1 = performance.now();
    const stream = new RandomGenerator(0);
    stream.setState(request.generator);
    const shard: Shard = {
      start: request.start,
      count: request.count,
      total: request.total,
      replica: data.replica,
      replicas: data.replicas,
      sum,
      generator: (lead = 1) => new ShardedGenerator(stream, request, lead),
    };
    const context: StepContext = {
      step: request.step,
      totalSteps: request.totalSteps,
      generator: stream,
      training: true,
    };
    const batch = decodeBatch(request.batch);
    try {
      const { value, grads } = tf.variableGrads(() => {
        const loss = model.shardLoss(batch, context, shard);
        if (loss?.rank !== 0) {
          throw new TypeError('replica: shardLoss must return a scalar (rank-0) tensor');
        }
        return loss as tf.Scalar;
      }, trainable);
      const t2 = performance.now();
      const reached = trainableSlots.map((slot, i) => {
        const g = grads[trainable[i].name];
        if (g === undefined) return false;
        gradients.set(g.dataSync() as Float32Array, slot.gradientOffset);
        return true;
      });
      const loss = value.dataSync()[0];
      tf.dispose([value, ...Object.values(grads)]);
      const statistics =
        data.replica === 0
          ? data.layout.slots
              .map((slot, i) => (slot.trainable ? null : variables[i]))
              .filter((v) => v !== null)
              .map((v) => v.dataSync().slice() as Float32Array | Int32Array)
          : null;
      const timings = {
        read: t1 - t0,
        compute: t2 - t1,
        wait: sum.barrier.waitedMs - waited,
        sums: sum.barrier.arrivals - arrivals,
        write: performance.now() - t2,
      };
      return { type: 'done', loss, generator: stream.getState(), reached, statistics, timings };
    } finally {
      disposeBatchTensors(batch);
    }
  };

  port?.on('message', (request: WorkerRequest) => {
    if (request.type === 'close') {
      port.close();
      return;
    }
    try {
      reply(step(request));
    } catch (error) {
      fail(error);
    }
  });
  reply({ type: 'ready' });
}

main().catch(fail);
