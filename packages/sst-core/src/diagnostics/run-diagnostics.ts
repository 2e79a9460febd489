// gradientDiagnostics: every estimator's gradient of E[loss(X)] over N independent estimates,
// compared with the exact gradient (exact-gradient.ts).
import * as tf from '@tensorflow/tfjs-core';
import { MovingAverageBaseline } from '../estimators/index.js';
import { RandomGenerator, sampleGumbel } from '../noise/index.js';
import {
  ESTIMATOR_NAMES,
  type EstimatorName,
  hardSample,
  pathwiseGradients,
  scoreFunctionGradients,
} from './estimator-gradients.js';
import { checkTheta, type ExactGradient, exactExpectedLossGradient } from './exact-gradient.js';
import { type GradientStatistics, RunningMoments } from './statistics.js';
import { checkStructure, type DiagnosticStructure, structureDimension } from './structures.js';

const OP = 'gradientDiagnostics';

export interface GradientDiagnosticsOptions {
  structure: DiagnosticStructure;
  /** Logits θ, length d. Rounded to float32 once, and the exact gradient is taken there too. */
  theta: Float64Array | readonly number[];
  /** The loss of one hard structure, in float64 (for the exact gradient). */
  loss: (x: Float64Array) => number;
  /** The same loss batched in tfjs: [B, d] → [B], differentiable (for the estimators). */
  lossTensor: (x: tf.Tensor) => tf.Tensor;
  /** Which estimators; default all of ESTIMATOR_NAMES. */
  estimators?: readonly EstimatorName[];
  /** N: independent gradient estimates per estimator (≥ 2). */
  samples: number;
  /** S: samples averaged inside one estimate, the same S for every estimator (default 4; the
   * leave-one-out baseline needs S ≥ 2). Every estimator sees the same N·S Gumbel draws. */
  samplesPerEstimate?: number;
  /** Temperature of the relaxation (SST and straight-through). */
  temperature: number;
  /** Seed of the RandomGenerator that draws all the noise. */
  seed: number;
  /** Decay of the moving-average baseline (default 0.9). */
  movingAverageDecay?: number;
  /** Called after each chunk of estimates: (estimates done, N). */
  onProgress?: (done: number, total: number) => void;
}

export interface EstimatorDiagnostics extends GradientStatistics {
  estimator: EstimatorName;
}

export interface GradientDiagnosticsResult {
  structure: DiagnosticStructure;
  theta: Float64Array;
  temperature: number;
  samples: number;
  samplesPerEstimate: number;
  /** The reference: E[loss], its exact gradient, and the method used. */
  exact: ExactGradient;
  estimators: EstimatorDiagnostics[];
}

/** Estimates per chunk: bounds the tensors alive at once (chunk · S · d floats). */
const CHUNK = 2048;

function checkInt(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`${OP}: ${name} must be an integer, got ${String(value)}`);
  if (value < min || value > max)
    throw new RangeError(`${OP}: ${name} must be in ${min}..${max}, got ${value}`);
  return value;
}

function checkOptions(options: GradientDiagnosticsOptions) {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${OP}: options must be an object, got ${String(options)}`);
  const structure = checkStructure(options.structure);
  const d = structureDimension(structure);
  // float32 θ is what the estimators see; the reference uses the same rounded values.
  const theta = checkTheta(options.theta, d).map(Math.fround);
  if (typeof options.loss !== 'function')
    throw new TypeError(`${OP}: loss must be a function, got ${typeof options.loss}`);
  if (typeof options.lossTensor !== 'function')
    throw new TypeError(`${OP}: lossTensor must be a function, got ${typeof options.lossTensor}`);
  const estimators = options.estimators ?? ESTIMATOR_NAMES;
  if (!Array.isArray(estimators) || estimators.length === 0)
    throw new TypeError(`${OP}: estimators must be a non-empty array of estimator names`);
  for (const e of estimators)
    if (!ESTIMATOR_NAMES.includes(e))
      throw new RangeError(
        `${OP}: estimators must be among ${ESTIMATOR_NAMES.join(', ')}, got ${JSON.stringify(e)}`,
      );
  const samples = checkInt('samples', options.samples, 2, 10_000_000);
  const perEstimate = checkInt(
    'samplesPerEstimate',
    options.samplesPerEstimate === undefined ? 4 : options.samplesPerEstimate,
    1,
    4096,
  );
  if (perEstimate < 2 && estimators.includes('reinforce-leave-one-out'))
    throw new RangeError(
      `${OP}: samplesPerEstimate must be ≥ 2 for reinforce-leave-one-out, got ${perEstimate}`,
    );
  const t = options.temperature;
  if (typeof t !== 'number')
    throw new TypeError(`${OP}: temperature must be a number, got ${typeof t}`);
  if (!Number.isFinite(t) || t <= 0)
    throw new RangeError(`${OP}: temperature must be finite and > 0, got ${t}`);
  const decay = options.movingAverageDecay === undefined ? 0.9 : options.movingAverageDecay;
  if (typeof decay !== 'number' || !(decay >= 0 && decay < 1))
    throw new RangeError(`${OP}: movingAverageDecay must be a number in [0, 1), got ${decay}`);
  const seed = options.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    throw new TypeError(`${OP}: seed must be a safe integer, got ${seed}`);
  return { structure, d, theta, estimators, samples, perEstimate, temperature: t, decay, seed };
}

/** The tfjs loss must agree with the float64 loss on hard samples, or the comparison is void. */
function checkLossesAgree(
  options: GradientDiagnosticsOptions,
  hard: Float32Array,
  tensorLosses: Float32Array,
  d: number,
): void {
  const rows = Math.min(tensorLosses.length, 32);
  for (let r = 0; r < rows; r++) {
    const x = Float64Array.from(hard.subarray(r * d, (r + 1) * d));
    const exact = options.loss(x);
    if (!(Math.abs(exact - tensorLosses[r]) <= 1e-4 * (1 + Math.abs(exact))))
      throw new RangeError(
        `${OP}: lossTensor and loss disagree on x = [${x.join(', ')}]: ${tensorLosses[r]} vs ${exact}`,
      );
  }
}

/**
 * For each estimator: N independent estimates of ∇θ E_{X}[loss(X)] (X = the SMT sample
 * argmax(θ + G)), each averaging S samples, summarised against the exact gradient (closed-form
 * softmax for one-hot, exact Plackett–Luce enumeration for k-subsets and trees). SST estimates the
 * gradient of E[loss(X_t)], so its bias is the relaxation's; REINFORCE is unbiased.
 * Noise: chunks of sampleGumbel([S, chunk, d]) from RandomGenerator(seed), shared by all
 * estimators (common random numbers). Leaves no tensors behind.
 */
export function gradientDiagnostics(
  options: GradientDiagnosticsOptions,
): GradientDiagnosticsResult {
  const o = checkOptions(options);
  const generator = new RandomGenerator(o.seed);
  const exact = exactExpectedLossGradient(o.structure, o.theta, options.loss);
  const moments = new Map<EstimatorName, RunningMoments>(
    o.estimators.map((e) => [e, new RunningMoments(o.d)]),
  );
  const baseline = new MovingAverageBaseline({ decay: o.decay });
  const theta = tf.tensor1d(Float32Array.from(o.theta));
  try {
    for (let start = 0; start < o.samples; start += CHUNK) {
      const count = Math.min(CHUNK, o.samples - start);
      tf.tidy(() => {
        const g = sampleGumbel([o.perEstimate, count, o.d], generator);
        const u3 = tf.add(g, theta);
        const u = tf.reshape(u3, [o.perEstimate * count, o.d]);
        const hard = hardSample(o.structure, u);
        const losses = tf.reshape(options.lossTensor(hard), [o.perEstimate, count]);
        const lossValues = losses.dataSync() as Float32Array;
        if (start === 0)
          checkLossesAgree(options, hard.dataSync() as Float32Array, lossValues, o.d);
        const store = (name: EstimatorName, perItem: tf.Tensor) => {
          moments.get(name)?.addRows(perItem.dataSync());
        };
        const meanOverS = (perSample: tf.Tensor) =>
          tf.mean(tf.reshape(perSample, [o.perEstimate, count, o.d]), 0);
        for (const name of o.estimators) {
          if (name === 'sst' || name === 'straight-through') {
            const grads = pathwiseGradients(
              o.structure,
              u,
              o.temperature,
              options.lossTensor,
              name === 'straight-through',
            );
            store(name, meanOverS(grads));
          } else if (name === 'reinforce') {
            store(name, scoreFunctionGradients(theta, u3, losses, 'none'));
          } else if (name === 'reinforce-leave-one-out') {
            store(name, scoreFunctionGradients(theta, u3, losses, 'leave-one-out'));
          } else {
            // Each estimate's baseline is the moving average of the estimates before it.
            const values = new Float32Array(count);
            for (let i = 0; i < count; i++) {
              values[i] = baseline.value;
              const own: number[] = [];
              for (let s = 0; s < o.perEstimate; s++) own.push(lossValues[s * count + i]);
              baseline.update(own);
            }
            store(name, scoreFunctionGradients(theta, u3, losses, tf.tensor1d(values)));
          }
        }
      });
      options.onProgress?.(start + count, o.samples);
    }
  } finally {
    theta.dispose();
  }
  return {
    structure: o.structure,
    theta: o.theta,
    temperature: o.temperature,
    samples: o.samples,
    samplesPerEstimate: o.perEstimate,
    exact,
    estimators: o.estimators.map((estimator) => ({
      estimator,
      ...(moments.get(estimator) as RunningMoments).summarize(exact.gradient),
    })),
  };
}
