import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGradients, gradientsRegistered } from '../src/backend/gradients.js';
import { TFJS_RESOLVE_HOOK_URL } from '../src/backend/resolve-hook.js';
import { selectBackend } from '../src/backend/select-backend.js';
import { unsortedSegmentSumValues } from '../src/backend/unsorted-segment-sum.js';
import { registerWasmFallbackKernels, WASM_FALLBACK_KERNELS } from '../src/backend/wasm-kernels.js';

// Deterministic, irregular test values (no generator needed).
function values(size: number, seed: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => Math.sin(seed * 7.3 + i * 1.7) * 1.3);
}

function input(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(
    values(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape,
  );
}

function positive(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => tf.add(tf.abs(input(shape, seed)), 0.5));
}

describe('ensureGradients', () => {
  it('registers the tfjs-core gradients and chained ops, and is cheap the second time', async () => {
    await ensureGradients();
    expect(gradientsRegistered()).toBe(true);
    const start = performance.now();
    await Promise.all([ensureGradients(), ensureGradients()]);
    expect(performance.now() - start).toBeLessThan(5);
    expect(typeof (tf.Tensor.prototype as { reshape?: unknown }).reshape).toBe('function');
  }, 60_000); // the first call loads ~600 ESM files: 1–4 s under vitest on a busy machine

  it('gives the gradient of sum(x·x) through the CommonJS tf', async () => {
    await selectBackend('cpu');
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.matMul(a, a)))(x);
    // d/dX Σ(XX) = 𝟙Xᵀ + Xᵀ𝟙, with 𝟙 the all-ones matrix.
    const ones = tf.ones([2, 2]);
    const expected = tf.add(tf.matMul(ones, x, false, true), tf.matMul(x, ones, true, false));
    expect(Array.from(g.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, g, ones, expected]);
  });
});

describe('the resolve hook', () => {
  type Resolved = { url: string; format?: string };
  type Next = (specifier: string, context: { parentURL?: string }) => Promise<Resolved>;
  let resolve: (s: string, c: { parentURL?: string }, next: Next) => Promise<Resolved>;
  const tfParent = 'file:///x/node_modules/@tensorflow/tfjs-core/dist/gradients/Abs_grad.js';
  // Resolves only the specifiers listed, like Node's resolver on a tree holding just those files.
  const nextFor =
    (...known: string[]): Next =>
    async (specifier) => {
      if (known.includes(specifier)) return { url: `file:///resolved/${specifier}` };
      throw Object.assign(new Error(`Cannot find module '${specifier}'`), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    };

  beforeAll(async () => {
    ({ resolve } = await import(/* @vite-ignore */ TFJS_RESOLVE_HOOK_URL));
  });

  it('passes through whatever already resolves', async () => {
    expect(await resolve('./a.js', { parentURL: tfParent }, nextFor('./a.js'))).toEqual({
      url: 'file:///resolved/./a.js',
    });
  });

  it('adds .js, then /index.js, to extension-less relative imports inside @tensorflow', async () => {
    expect(
      (await resolve('../ops/abs', { parentURL: tfParent }, nextFor('../ops/abs.js'))).url,
    ).toBe('file:///resolved/../ops/abs.js');
    expect((await resolve('./ops', { parentURL: tfParent }, nextFor('./ops/index.js'))).url).toBe(
      'file:///resolved/./ops/index.js',
    );
  });

  it("marks tfjs-core's ESM files (not its tf-core*.js bundles) as ES modules", async () => {
    const dist = 'file:///x/node_modules/@tensorflow/tfjs-core/dist/';
    const next: Next = async (specifier) => ({ url: new URL(specifier, tfParent).href });
    expect(await resolve('../ops/abs', { parentURL: tfParent }, next)).toEqual({
      url: `${dist}ops/abs.js`,
      format: 'module',
    });
    const bundle = async () => ({ url: `${dist}tf-core.node.js`, format: 'commonjs' });
    expect(
      await resolve('@tensorflow/tfjs-core', { parentURL: 'file:///app/a.js' }, bundle),
    ).toEqual({
      url: `${dist}tf-core.node.js`,
      format: 'commonjs',
    });
  });

  it('leaves other packages, bare specifiers and true misses to fail as before', async () => {
    const other = 'file:///x/node_modules/other/dist/a.js';
    await expect(resolve('./b', { parentURL: other }, nextFor('./b.js'))).rejects.toThrow("'./b'");
    await expect(resolve('lodash', { parentURL: tfParent }, nextFor('lodash.js'))).rejects.toThrow(
      "'lodash'",
    );
    await expect(resolve('./missing', { parentURL: tfParent }, nextFor())).rejects.toThrow(
      "'./missing'",
    );
    // A specifier with an extension is never rewritten.
    await expect(
      resolve('./c.json', { parentURL: tfParent }, nextFor('./c.json.js')),
    ).rejects.toThrow("'./c.json'");
  });
});

describe('selectBackend', () => {
  it('defaults to wasm here (tfjs-node is not installed)', async () => {
    expect(await selectBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('sets cpu when asked, and wasm again', async () => {
    expect(await selectBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend('wasm')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('throws an Error naming tfjs-node when tensorflow is asked for and missing', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(
      /tensorflow: tfjs-node is not installed/,
    );
    await expect(selectBackend('tensorflow')).rejects.toThrow(
      /@tensorflow\/tfjs-node: not installed/,
    );
  });

  it('takes the first backend of a list that works', async () => {
    expect(await selectBackend(['tensorflow', 'cpu', 'wasm'])).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('concurrent calls run one after the other: the last one asked is the backend set', async () => {
    const names = await Promise.all([selectBackend('wasm'), selectBackend('cpu')]);
    expect(names).toEqual(['wasm', 'cpu']);
    expect(tf.getBackend()).toBe('cpu');
    await selectBackend('wasm');
  });

  it('rejects unknown names with a RangeError and wrong kinds with a TypeError', async () => {
    const unknown = 'gpu' as unknown as 'cpu';
    await expect(selectBackend(unknown)).rejects.toThrow(RangeError);
    await expect(selectBackend(unknown)).rejects.toThrow(/'gpu'/);
    await expect(selectBackend(['cpu', unknown])).rejects.toThrow(RangeError);
    await expect(selectBackend([])).rejects.toThrow(RangeError);
    await expect(selectBackend(42 as unknown as 'cpu')).rejects.toThrow(TypeError);
    await expect(selectBackend([null] as unknown as ['cpu'])).rejects.toThrow(TypeError);
  });
});

describe('unsortedSegmentSumValues', () => {
  it('sums rows by segment and drops ids outside [0, numSegments)', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const { values: out, shape } = unsortedSegmentSumValues(x, [5, 2], [0, 2, 0, -1, 3], 3);
    expect(shape).toEqual([3, 2]);
    expect(Array.from(out)).toEqual([1 + 5, 2 + 6, 0, 0, 3, 4]);
  });

  it('accepts ids indexing several leading dimensions', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const { values: out, shape } = unsortedSegmentSumValues(x, [2, 2, 2], [1, 1, 0, 1], 2);
    expect(shape).toEqual([2, 2]);
    expect(Array.from(out)).toEqual([5, 6, 1 + 3 + 7, 2 + 4 + 8]);
  });

  it('rejects ids that are not a prefix of the shape and bad segment counts', () => {
    expect(() => unsortedSegmentSumValues([1, 2, 3, 4, 5, 6], [2, 3], [0, 1, 0], 2)).toThrow(
      RangeError,
    );
    expect(() => unsortedSegmentSumValues([1, 2], [2], [0, 1], -1)).toThrow(/numSegments/);
  });
});

// Runs `build` on cpu and on wasm and returns both results (as plain arrays) for comparison.
async function onBothBackends(
  build: () => tf.Tensor[],
): Promise<{ cpu: number[][]; wasm: number[][] }> {
  const run = async (backend: 'cpu' | 'wasm') => {
    await selectBackend(backend);
    const before = tf.memory().numTensors;
    const result = tf.tidy(() => build().map((t) => Array.from(t.dataSync())));
    expect(tf.memory().numTensors).toBe(before);
    return result;
  };
  return { cpu: await run('cpu'), wasm: await run('wasm') };
}

function expectClose(actual: number[][], expected: number[][], tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((value, j) => {
      const scale = 1 + Math.abs(expected[i][j]);
      expect(Math.abs(value - expected[i][j]) / scale, `entry ${i}/${j}`).toBeLessThan(tolerance);
    });
  });
}

describe('wasm fallback kernels', () => {
  it('registers each missing kernel once, idempotently', async () => {
    await selectBackend('wasm');
    expect(WASM_FALLBACK_KERNELS).toContain('UnsortedSegmentSum');
    const before = WASM_FALLBACK_KERNELS.map((name) => tf.getKernel(name, 'wasm'));
    registerWasmFallbackKernels();
    registerWasmFallbackKernels();
    const after = WASM_FALLBACK_KERNELS.map((name) => tf.getKernel(name, 'wasm'));
    expect(after).toEqual(before);
    expect(after.every((config) => config != null)).toBe(true);
  });

  it('UnsortedSegmentSum on wasm equals cpu (float32 and int32, dropped ids)', async () => {
    const { cpu, wasm } = await onBothBackends(() => [
      tf.unsortedSegmentSum(input([6, 3], 1), tf.tensor1d([0, 3, 3, 1, 0, 3], 'int32'), 4),
      tf.unsortedSegmentSum(
        tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'),
        tf.tensor1d([1, 1, 0], 'int32'),
        2,
      ),
    ]);
    expectClose(wasm, cpu);
  });

  // wasm has no NCHW conv2d forward, but the filter-gradient kernel handles both layouts.
  it('Conv2DBackpropFilter in NCHW layout equals cpu', async () => {
    const { cpu, wasm } = await onBothBackends(() => [
      tf
        .engine()
        .runKernel(
          tf.Conv2DBackpropFilter,
          { x: input([2, 2, 5, 4], 1), dy: input([2, 3, 5, 2], 2) },
          { strides: [1, 2], pad: 'same', dataFormat: 'NCHW', filterShape: [3, 2, 2, 3] },
        ) as tf.Tensor,
    ]);
    expectClose(wasm, cpu);
  });
});

type GradCase = readonly [
  name: string,
  inputs: () => tf.Tensor[],
  f: (...xs: tf.Tensor[]) => tf.Tensor,
];

// The ops models are built from. Each gradient is taken of Σ w ∘ f(x) with a fixed irregular w.
const GRAD_CASES: readonly GradCase[] = [
  ['matMul', () => [input([3, 4], 1), input([4, 5], 2)], (a, b) => tf.matMul(a, b)],
  [
    'matMul transposeA',
    () => [input([4, 3], 1), input([4, 5], 2)],
    (a, b) => tf.matMul(a, b, true),
  ],
  [
    'matMul transposeB',
    () => [input([3, 4], 1), input([5, 4], 2)],
    (a, b) => tf.matMul(a, b, false, true),
  ],
  [
    'matMul both transposed',
    () => [input([4, 3], 1), input([5, 4], 2)],
    (a, b) => tf.matMul(a, b, true, true),
  ],
  ['batched matMul', () => [input([2, 3, 4], 1), input([2, 4, 5], 2)], (a, b) => tf.matMul(a, b)],
  ['sum over axis 0', () => [input([3, 4], 1)], (a) => tf.sum(a, 0)],
  ['sum over axis 1, keepDims', () => [input([3, 4, 2], 1)], (a) => tf.sum(a, 1, true)],
  ['mean', () => [input([3, 4], 1)], (a) => tf.mean(a, 1)],
  ['softmax', () => [input([3, 4], 1)], (a) => tf.softmax(a)],
  ['logSoftmax', () => [input([3, 4], 1)], (a) => tf.logSoftmax(a)],
  ['logSumExp', () => [input([3, 4], 1)], (a) => tf.logSumExp(a, 1)],
  ['sigmoid', () => [input([3, 4], 1)], (a) => tf.sigmoid(a)],
  ['relu', () => [input([3, 4], 1)], (a) => tf.relu(a)],
  ['tanh', () => [input([3, 4], 1)], (a) => tf.tanh(a)],
  ['elu', () => [input([3, 4], 1)], (a) => tf.elu(a)],
  ['leakyRelu', () => [input([3, 4], 1)], (a) => tf.leakyRelu(a, 0.2)],
  ['softplus', () => [input([3, 4], 1)], (a) => tf.softplus(a)],
  ['concat axis 1', () => [input([3, 4], 1), input([3, 2], 2)], (a, b) => tf.concat([a, b], 1)],
  ['concat axis 0', () => [input([3, 4], 1), input([2, 4], 2)], (a, b) => tf.concat([a, b], 0)],
  ['slice', () => [input([3, 4], 1)], (a) => tf.slice(a, [1, 1], [2, 2])],
  ['gather', () => [input([5, 3], 1)], (a) => tf.gather(a, tf.tensor1d([0, 2, 2, 4], 'int32'))],
  [
    'gather axis 1',
    () => [input([3, 5], 1)],
    (a) => tf.gather(a, tf.tensor1d([1, 1, 3], 'int32'), 1),
  ],
  [
    'gather 2-D indices',
    () => [input([5, 3], 1)],
    (a) => tf.gather(a, tf.tensor2d([0, 1, 4, 4], [2, 2], 'int32')),
  ],
  [
    'gather batchDims 1',
    () => [input([2, 5], 1)],
    (a) => tf.gather(a, tf.tensor2d([0, 4, 2, 2], [2, 2], 'int32'), 1, 1),
  ],
  ['tile', () => [input([2, 3], 1)], (a) => tf.tile(a, [2, 3])],
  ['broadcast add', () => [input([3, 4], 1), input([4], 2)], (a, b) => tf.add(a, b)],
  ['broadcast mul', () => [input([3, 1], 1), input([1, 4], 2)], (a, b) => tf.mul(a, b)],
  ['broadcast sub', () => [input([3, 4], 1), input([3, 1], 2)], (a, b) => tf.sub(a, b)],
  ['broadcast div', () => [input([3, 4], 1), positive([4], 2)], (a, b) => tf.div(a, b)],
  ['square', () => [input([3, 4], 1)], (a) => tf.square(a)],
  [
    'squaredDifference',
    () => [input([3, 4], 1), input([3, 4], 2)],
    (a, b) => tf.squaredDifference(a, b),
  ],
  ['exp', () => [input([3, 4], 1)], (a) => tf.exp(a)],
  ['log', () => [positive([3, 4], 1)], (a) => tf.log(a)],
  ['sqrt', () => [positive([3, 4], 1)], (a) => tf.sqrt(a)],
  ['pow', () => [positive([3, 4], 1), input([3, 4], 2)], (a, b) => tf.pow(a, b)],
  ['maximum', () => [input([3, 4], 1), input([3, 4], 2)], (a, b) => tf.maximum(a, b)],
  ['minimum', () => [input([3, 4], 1), input([3, 4], 2)], (a, b) => tf.minimum(a, b)],
  ['max over axis', () => [input([3, 4], 1)], (a) => tf.max(a, 1)],
  ['abs', () => [input([3, 4], 1)], (a) => tf.abs(a)],
  ['clipByValue', () => [input([3, 4], 1)], (a) => tf.clipByValue(a, -0.5, 0.5)],
  ['transpose', () => [input([2, 3, 4], 1)], (a) => tf.transpose(a, [2, 0, 1])],
  [
    'reshape + expandDims',
    () => [input([2, 6], 1)],
    (a) => tf.expandDims(tf.reshape(a, [3, 4]), 1),
  ],
  [
    'stack / unstack',
    () => [input([3, 4], 1), input([3, 4], 2)],
    (a, b) => tf.unstack(tf.stack([a, b], 1), 2)[1],
  ],
  ['split', () => [input([3, 4], 1)], (a) => tf.split(a, 2, 1)[1]],
  [
    'pad',
    () => [input([3, 4], 1)],
    (a) =>
      tf.pad(a, [
        [1, 0],
        [0, 2],
      ]),
  ],
  ['prod', () => [input([3, 4], 1)], (a) => tf.prod(a, 1)],
  ['cumsum', () => [input([3, 4], 1)], (a) => tf.cumsum(a, 1)],
  [
    'where (mask built outside)',
    () => [input([3, 4], 1), input([3, 4], 2)],
    (a, b) =>
      tf.where(
        tf.tensor2d(
          values(12, 3).map((v) => (v > 0 ? 1 : 0)),
          [3, 4],
          'bool',
        ),
        a,
        b,
      ),
  ],
  [
    'fused matMul + bias + relu',
    () => [input([3, 4], 1), input([4, 5], 2), input([5], 3)],
    (a, b, c) => tf.fused.matMul({ a, b, bias: c, activation: 'relu' }),
  ],
  [
    'conv1d',
    () => [input([2, 8, 3], 1), input([3, 3, 4], 2)],
    (a, b) => tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 1, 'same'),
  ],
  [
    'conv2d',
    () => [input([2, 5, 5, 2], 1), input([3, 3, 2, 3], 2)],
    (a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [2, 1], 'same'),
  ],
  [
    'conv2d valid',
    () => [input([1, 6, 5, 2], 1), input([2, 3, 2, 3], 2)],
    (a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'),
  ],
  [
    'depthwiseConv2d',
    () => [input([2, 5, 5, 2], 1), input([3, 3, 2, 2], 2)],
    (a, b) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, [1, 2], 'same'),
  ],
  [
    'depthwiseConv2d valid, multiplier 3',
    () => [input([1, 6, 5, 2], 1), input([2, 3, 2, 3], 2)],
    (a, b) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'),
  ],
  ['maxPool', () => [input([1, 4, 4, 2], 1)], (a) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid')],
  ['avgPool', () => [input([1, 4, 4, 2], 1)], (a) => tf.avgPool(a as tf.Tensor4D, 2, 2, 'valid')],
];

describe('gradients on wasm equal those on cpu', () => {
  it.each(GRAD_CASES)('%s', async (_name, inputs, f) => {
    const { cpu, wasm } = await onBothBackends(() => {
      const xs = inputs();
      const w = tf.tidy(() => input(f(...xs).shape, 9));
      return tf.grads((...args: tf.Tensor[]) => tf.sum(tf.mul(f(...args), w)))(xs);
    });
    expectClose(wasm, cpu);
  });
});
