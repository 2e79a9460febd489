// The loop on the toy MLP, on cpu and wasm: learning, flat memory, evaluation cadence, events,
// clipping, and exact resumption (2N steps = N steps + resume + N steps, bit for bit).
import { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  iterableData,
  listCheckpoints,
  readCheckpoint,
  type TrainingEvent,
  type TrainOptions,
  train,
} from '../src/index.js';
import { describeEachBackend } from './backends.js';
import { snapshot, temporaryDirectories } from './helpers.js';
import {
  createToyModel,
  type ToyBatch,
  type ToyEvalBatch,
  toyBatch,
  toyValidation,
} from './toy-model.js';

const validation = toyValidation(new RandomGenerator(99));

/** Trains a fresh toy model (always the same initial weights) and disposes it afterwards. */
async function runToy(options: Partial<TrainOptions<ToyBatch, ToyEvalBatch>>) {
  const model = createToyModel(new RandomGenerator(1));
  try {
    return await train<ToyBatch, ToyEvalBatch>({
      model,
      data: toyBatch,
      seed: 3,
      optimizer: { learningRate: 0.02 },
      evaluation: { every: 10, batches: () => validation },
      ...options,
    });
  } finally {
    model.dispose();
  }
}

describeEachBackend('train', () => {
  const directory = temporaryDirectories();

  it('learns the toy regression', async () => {
    const losses: number[] = [];
    const result = await runToy({
      steps: 300,
      evaluation: undefined,
      onEvent: (event) => {
        if (event.type === 'step') losses.push(event.loss);
      },
    });
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(result.step).toBe(300);
    expect(mean(losses.slice(-20))).toBeLessThan(mean(losses.slice(0, 20)) / 4);
  });

  it('keeps the tensor count flat across steps and leaves nothing behind', async () => {
    const before = tf.memory().numTensors;
    const counts = new Map<number, number>();
    const model = createToyModel(new RandomGenerator(1));
    const withModel = tf.memory().numTensors;
    await train({
      model,
      data: toyBatch,
      steps: 40,
      clipGradientNorm: 1,
      evaluation: { every: 10, batches: () => validation },
      checkpoint: { directory: directory(), every: 10 },
      onEvent: (event) => {
        if (event.type === 'step') counts.set(event.step, tf.memory().numTensors);
      },
    });
    // Adam creates its moments on the first step; from then on every step frees what it makes.
    expect(counts.get(2)).toBeGreaterThan(withModel);
    expect(counts.get(39)).toBe(counts.get(2));
    expect(tf.memory().numTensors).toBe(withModel);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluates every N steps and after the last, with a reseeded generator each time', async () => {
    const events: TrainingEvent[] = [];
    const result = await runToy({ steps: 25, onEvent: (event) => events.push(event) });
    const evals = events.filter((event) => event.type === 'eval');
    expect(evals.map((event) => event.step)).toEqual([10, 20, 25]);
    expect(result.evaluations.map((record) => record.step)).toEqual([10, 20, 25]);
    const probe = new RandomGenerator(3).nextUniform();
    for (const { metrics } of result.evaluations) expect(metrics.probe).toBe(probe);
    for (const { metrics } of result.evaluations) expect(metrics.mse).toBeGreaterThan(0);
  });

  it('emits start, step, eval, checkpoint and done events in order', async () => {
    const events: TrainingEvent[] = [];
    const dir = directory();
    await runToy({
      steps: 20,
      checkpoint: { directory: dir, every: 10 },
      onEvent: (event) => events.push(event),
    });
    const kinds = events.map((event) => `${event.type}@${event.step}`);
    expect(kinds.slice(0, 2)).toEqual(['start@0', 'step@1']);
    expect(kinds.slice(10, 13)).toEqual(['step@10', 'eval@10', 'checkpoint@10']);
    expect(kinds.slice(-4)).toEqual(['step@20', 'eval@20', 'checkpoint@20', 'done@20']);
    const step = events.find((event) => event.type === 'step' && event.step === 5);
    expect(step).toMatchObject({ totalSteps: 20 });
    if (step?.type !== 'step') throw new Error('no step event');
    expect(step.stepsPerSecond).toBeGreaterThan(0);
    expect(step.etaSeconds).toBeCloseTo(15 / step.stepsPerSecond, 6);
    const done = events.at(-1);
    expect(done).toMatchObject({
      type: 'done',
      stopped: false,
      checkpoint: listCheckpoints(dir).at(-1)?.path,
    });
  });

  it('clips the global gradient norm', async () => {
    const v = tf.tidy(() => tf.variable(tf.zeros([2, 3])));
    const w = tf.tidy(() => tf.variable(tf.zeros([4])));
    const sgd = tf.train.sgd(1);
    await train({
      model: {
        variables: { v, w },
        loss: () => tf.add(tf.mul(tf.sum(v), 1000), tf.mul(tf.sum(w), -500)),
      },
      data: () => null,
      steps: 1,
      optimizer: sgd,
      clipGradientNorm: 0.5,
    });
    const change = Math.hypot(...v.dataSync(), ...w.dataSync());
    expect(change).toBeCloseTo(0.5, 5);
    // The direction is kept: every v entry moved by the same amount, twice as far as w's.
    expect(v.dataSync()[0] / w.dataSync()[0]).toBeCloseTo(-2, 5);
    sgd.dispose();
    tf.dispose([v, w]);
  });

  it('keeps optimizer state aligned when a variable gets no gradient', async () => {
    const unused = tf.tidy(() => tf.variable(tf.ones([3])));
    const used = tf.tidy(() => tf.variable(tf.zeros([2])));
    const model = {
      variables: { unused, used },
      loss: () => tf.sum(tf.square(tf.sub(used, tf.tensor1d([1, 2])))),
    };
    const dir = directory();
    await train({
      model,
      data: () => null,
      steps: 30,
      optimizer: { learningRate: 0.1 },
      checkpoint: { directory: dir },
    });
    expect(Array.from(unused.dataSync())).toEqual([1, 1, 1]);
    expect(used.dataSync()[1]).toBeGreaterThan(1);
    const { optimizer } = readCheckpoint(dir);
    expect(optimizer.weights.map((slot) => slot.name)).toEqual([
      'iter',
      'unused/m',
      'used/m',
      'unused/v',
      'used/v',
    ]);
    tf.dispose([unused, used]);
  });

  it("uses the model's own lossAndGradients: halved gradients are Adam-invariant, zero ones freeze", async () => {
    // Adam's update is invariant to a constant gradient scale (up to ε), so a model reporting half
    // the gradients must train like the plain one; one reporting none of a variable's must leave
    // it alone. Both prove the loop applies what lossAndGradients returns, not its own tape.
    const make = (scale: number | null | undefined) => {
      const w = tf.tidy(() => tf.variable(tf.zeros([2])));
      const loss = () => tf.sum(tf.square(tf.sub(w, tf.tensor1d([1, 2])))) as tf.Scalar;
      const model = {
        variables: { w },
        loss,
        ...(scale === undefined
          ? {}
          : {
              lossAndGradients: () => {
                const { value, grads } = tf.variableGrads(loss, [w]);
                if (scale === null) {
                  tf.dispose(grads);
                  return { value, grads: {} };
                }
                const scaled = tf.mul(grads[w.name], scale);
                tf.dispose(grads);
                return { value, grads: { [w.name]: scaled } };
              },
            }),
      };
      return { w, model };
    };
    const run = async (scale: number | null | undefined) => {
      const { w, model } = make(scale);
      await train({ model, data: () => null, steps: 20, optimizer: { learningRate: 0.05 } });
      const values = Array.from(w.dataSync());
      w.dispose();
      return values;
    };
    const plain = await run(undefined);
    const halved = await run(0.5);
    for (let i = 0; i < 2; i++) expect(halved[i]).toBeCloseTo(plain[i], 5);
    expect(plain[1]).toBeGreaterThan(0.5);
    expect(await run(null)).toEqual([0, 0]);
  });

  it('resumes exactly: 2N steps = N steps, resume, N steps (weights, moments, RNG, data, log)', async () => {
    const straight = directory();
    await runToy({ steps: 40, checkpoint: { directory: straight, every: 10 } });
    const split = directory();
    const first = await runToy({ steps: 20, checkpoint: { directory: split, every: 10 } });
    expect(first.step).toBe(20);
    const events: TrainingEvent[] = [];
    const second = await runToy({
      steps: 40,
      checkpoint: { directory: split, every: 10 },
      resume: true,
      onEvent: (event) => events.push(event),
    });
    expect(events[0]).toMatchObject({ type: 'start', step: 20, resumedFrom: first.checkpoint });
    expect(events.filter((event) => event.type === 'step')).toHaveLength(20);
    expect(snapshot(split)).toEqual(snapshot(straight));
    expect(snapshot(split).log).toHaveLength(44); // 40 steps + 4 evaluations
    expect(second.evaluations.map((record) => record.step)).toEqual([10, 20, 30, 40]);
  });

  it('loses at most one checkpoint interval when the run dies, and resumes to the same result', async () => {
    const straight = directory();
    await runToy({ steps: 40, checkpoint: { directory: straight, every: 10 } });
    const crashed = directory();
    const crash = new Error('simulated crash');
    await expect(
      runToy({
        steps: 40,
        checkpoint: { directory: crashed, every: 10 },
        onEvent: (event) => {
          if (event.type === 'step' && event.step === 27) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(listCheckpoints(crashed).map(({ step }) => step)).toEqual([10, 20]);
    let resumedAt = -1;
    await runToy({
      steps: 40,
      checkpoint: { directory: crashed, every: 10 },
      resume: true,
      onEvent: (event) => {
        if (event.type === 'start') resumedAt = event.step;
      },
    });
    expect(resumedAt).toBe(20);
    expect(snapshot(crashed)).toEqual(snapshot(straight));
  });

  it('stops on an abort signal with a checkpoint, and resumes from it exactly', async () => {
    const straight = directory();
    await runToy({ steps: 30, checkpoint: { directory: straight, every: 10 } });
    const stopped = directory();
    const controller = new AbortController();
    const result = await runToy({
      steps: 30,
      checkpoint: { directory: stopped, every: 10 },
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'step' && event.step === 15) controller.abort();
      },
    });
    expect(result).toMatchObject({ step: 15, stopped: true });
    expect(listCheckpoints(stopped).map(({ step }) => step)).toEqual([10, 15]);
    // Resuming needs no options beyond the model and data: steps, seed and Adam come from the checkpoint.
    const model = createToyModel(new RandomGenerator(1));
    await train({
      model,
      data: toyBatch,
      evaluation: { every: 10, batches: () => validation },
      checkpoint: { directory: stopped, every: 10 },
      resume: true,
    });
    model.dispose();
    expect(snapshot(stopped)).toEqual(snapshot(straight));
  });

  it('resumes a stateful data stream exactly (iterableData)', async () => {
    const stream = () =>
      iterableData<ToyBatch>(function* () {
        const generator = new RandomGenerator(5);
        for (let step = 0; ; step++) yield toyBatch({ step, generator }, 8);
      });
    const straight = directory();
    await runToy({ steps: 20, data: stream(), checkpoint: { directory: straight, every: 10 } });
    const split = directory();
    await runToy({ steps: 10, data: stream(), checkpoint: { directory: split, every: 10 } });
    await runToy({
      steps: 20,
      data: stream(),
      checkpoint: { directory: split, every: 10 },
      resume: true,
    });
    expect(readCheckpoint(split).manifest.data).toEqual({ consumed: 20 });
    expect(snapshot(split)).toEqual(snapshot(straight));
  });
});
