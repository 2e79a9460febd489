// Bad options fail before the first step with a TypeError or RangeError naming the option.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { iterableData, type TrainOptions, train } from '../src/index.js';
import { describeOnCpu } from './backends.js';

describeOnCpu('train options', () => {
  // Made once the backend is set (describeOnCpu's beforeAll runs first).
  let v: tf.Variable;
  let frozen: tf.Variable;
  let model: TrainOptions<null>['model'];
  let base: TrainOptions<null>;
  beforeAll(() => {
    v = tf.tidy(() => tf.variable(tf.zeros([2])));
    frozen = tf.tidy(() => tf.variable(tf.zeros([2]), false));
    model = { variables: { v }, loss: () => tf.sum(tf.square(v)) };
    base = { model, data: () => null, steps: 2 };
  });
  afterAll(() => tf.dispose([v, frozen]));
  const bad = (changes: Record<string, unknown>) =>
    train({ ...base, ...changes } as TrainOptions<null>);

  it('names the option and the value in every error', async () => {
    const cases: [Record<string, unknown>, ErrorConstructor, string][] = [
      [{ steps: 0 }, RangeError, 'train: options.steps must be a positive integer, got 0'],
      [{ steps: 2.5 }, RangeError, 'train: options.steps must be a positive integer, got 2.5'],
      [{ steps: '10' }, TypeError, 'train: options.steps must be a number, got "10"'],
      [
        { seed: 0.5 },
        RangeError,
        'train: options.seed must be an integer ≥ -9007199254740991, got 0.5',
      ],
      [
        { stpes: 3 },
        TypeError,
        "train: options has an unknown option 'stpes' (expected model, data, steps, seed, optimizer, clipGradientNorm, evaluation, checkpoint, resume, log, onEvent, signal, workers, microBatches)",
      ],
      [
        { optimizer: { lr: 0.1 } },
        TypeError,
        "train: options.optimizer has an unknown option 'lr' (expected learningRate, beta1, beta2, epsilon)",
      ],
      [
        { optimizer: { learningRate: -1 } },
        RangeError,
        'train: options.optimizer.learningRate must be a finite number > 0, got -1',
      ],
      [
        { optimizer: { beta2: 1 } },
        RangeError,
        'train: options.optimizer.beta2 must be in [0, 1), got 1',
      ],
      [
        { clipGradientNorm: 0 },
        RangeError,
        'train: options.clipGradientNorm must be a finite number > 0, got 0',
      ],
      [
        { evaluation: { every: 5, batches: () => [] } },
        TypeError,
        'train: options.evaluation is set but options.model.evaluate is undefined',
      ],
      [
        { checkpoint: { directory: '' } },
        RangeError,
        'train: options.checkpoint.directory must not be empty',
      ],
      [
        { checkpoint: { directory: '/tmp/x', keep: 0 } },
        RangeError,
        'train: options.checkpoint.keep must be a positive integer, got 0',
      ],
      [
        { checkpoint: { directory: '/tmp/x', metadata: { width: Number.NaN } } },
        TypeError,
        'train: options.checkpoint.metadata must survive a JSON round trip unchanged (no NaN, Infinity, undefined, functions or class instances), got {"width":null}',
      ],
      [
        { resume: true },
        TypeError,
        'train: options.resume is true but options.checkpoint.directory is not set',
      ],
      [
        { resume: 1 },
        TypeError,
        'train: options.resume must be a boolean or a checkpoint path, got 1',
      ],
      [
        { log: { file: 'm.jsonl', every: -1 } },
        RangeError,
        'train: options.log.every must be a positive integer, got -1',
      ],
      [{ onEvent: 'print' }, TypeError, 'train: options.onEvent must be a function, got "print"'],
      [
        { data: [1, 2] },
        TypeError,
        'train: options.data must be a batch function or an object with a next() method, got object',
      ],
      [
        { data: { next: () => null, getState: () => 1 } },
        TypeError,
        'train: options.data must define both getState() and setState(), or neither',
      ],
      [
        { model: { variables: { v }, loss: 3 } },
        TypeError,
        'train: options.model.loss must be a function, got 3',
      ],
      [
        { model: { variables: [v], loss: () => v } },
        TypeError,
        'train: model.variables must be an object mapping names to tf.Variables, got an array',
      ],
      [
        { model: { variables: { v, w: v }, loss: () => v } },
        RangeError,
        "train: model.variables lists one variable twice, as 'v' and 'w'",
      ],
      [
        { model: { variables: { v: tf.zeros([1]) }, loss: () => v } },
        TypeError,
        "train: model.variables['v'] must be a tf.Variable, got an object",
      ],
      [
        { model: { variables: { frozen }, loss: () => v } },
        RangeError,
        'train: model.variables must hold at least one trainable variable',
      ],
    ];
    for (const [changes, type, message] of cases) {
      const error = await bad(changes).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(Object.keys(changes))).toBeInstanceOf(type);
      expect((error as Error).message).toBe(message);
    }
    const { steps: _, ...missing } = base;
    await expect(train(missing)).rejects.toThrow(
      new TypeError('train: options.steps is required (there is no checkpoint to take it from)'),
    );
  });

  it('stops on a non-finite loss without applying the update', async () => {
    const w = tf.tidy(() => tf.variable(tf.ones([2])));
    const events: number[] = [];
    await expect(
      train({
        model: {
          variables: { w },
          loss: (_b, { step }) => (step < 2 ? tf.sum(w) : tf.div(tf.add(tf.sum(w), 1), 0)),
        },
        data: () => null,
        steps: 5,
        optimizer: tf.train.sgd(0.5),
        onEvent: (event) => {
          if (event.type === 'step') events.push(event.step);
        },
      }),
    ).rejects.toThrow(/^train: the loss is Infinity at step 3; the update was not applied/);
    expect(events).toEqual([1, 2]);
    expect(Array.from(w.dataSync())).toEqual([0, 0]);
    w.dispose();
  });

  it('checks that the loss is a scalar', async () => {
    await expect(
      train({ ...base, model: { variables: { v }, loss: () => tf.square(v) } }),
    ).rejects.toThrow(
      new TypeError(
        'train: model.loss must return a scalar (rank-0) tensor, got a tensor of shape [2]',
      ),
    );
  });

  it('rejects metrics that are not finite numbers', async () => {
    await expect(
      train({
        ...base,
        model: { ...model, evaluate: async () => ({ accuracy: Number.NaN }) },
        evaluation: { every: 1, batches: () => [] },
      }),
    ).rejects.toThrow(
      new RangeError(
        'train: model.evaluate returned accuracy = NaN; metrics must be finite numbers',
      ),
    );
  });

  it('iterableData checks its input and reports the end of the data', async () => {
    expect(() => iterableData(3 as never)).toThrow(
      new TypeError('iterableData: open must be a function, got number'),
    );
    await expect(
      train({ ...base, steps: 3, data: iterableData(() => [null, null]) }),
    ).rejects.toThrow(new RangeError('iterableData: the iterable ended after 2 batches'));
    const stream = iterableData(() => [1, 2, 3]);
    await expect(Promise.resolve(stream.setState?.({ consumed: -1 }))).rejects.toThrow(
      'iterableData: state.consumed must be a non-negative integer, got -1',
    );
  });
});
