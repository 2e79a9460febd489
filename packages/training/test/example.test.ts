// The README's example, run as a test (console.log replaced by collecting the lines): fit a line
// to noisy points with the shared loop, checkpointing as it goes, then "rerun after a crash".
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { renderProgress, train } from '../src/index.js';
import { describeEachBackend } from './backends.js';
import { temporaryDirectories } from './helpers.js';

const directory = temporaryDirectories();

describeEachBackend('README example: fit a line', () => {
  it('learns w ≈ 2, b ≈ −1 and prints a few progress lines', async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const runs = directory();

    // --- README ---
    const w = tf.tidy(() => tf.variable(tf.zeros([1, 1])));
    const b = tf.tidy(() => tf.variable(tf.zeros([1])));
    const model = {
      variables: { w, b }, // the names checkpoints use
      loss: ({ x, y }: { x: tf.Tensor2D; y: tf.Tensor2D }) =>
        tf.losses.meanSquaredError(y, tf.add(tf.matMul(x, w), b)),
    };
    // 32 fresh points y = 2x − 1 + noise per step, all drawn from the loop's data generator.
    const data = ({ generator }: { generator: RandomGenerator }) => {
      const u = generator.uniforms(64);
      const x = Float32Array.from({ length: 32 }, (_, i) => 4 * u[i] - 2);
      const y = x.map((v, i) => 2 * v - 1 + 0.2 * (u[32 + i] - 0.5));
      return { x: tf.tensor2d(x, [32, 1]), y: tf.tensor2d(y, [32, 1]) }; // freed after the step
    };
    const result = await train({
      model,
      data,
      steps: 500,
      optimizer: { learningRate: 0.05 },
      checkpoint: { directory: `${runs}/line`, every: 100 }, // + runs/line/metrics.jsonl
      resume: true, // run it again after a crash: it continues from the last checkpoint
      onEvent: (event) => {
        if (event.type !== 'step' || event.step % 100 === 0) log(renderProgress(event));
      },
    });
    // --- end ---

    expect(result.step).toBe(500);
    expect(w.dataSync()[0]).toBeCloseTo(2, 2);
    expect(b.dataSync()[0]).toBeCloseTo(-1, 2);
    expect(lines[0]).toBe('training: 500 steps');
    expect(lines[1]).toMatch(
      /^\[#####\.+\] 100\/500 20% · loss [\d.e-]+ · [\d.]+ steps\/s · ETA \d+s$/,
    );
    expect(lines.filter((line) => line.startsWith('checkpoint @'))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^done at 500\/500 in \d+s · loss /);

    // The rerun finds the finished run and has nothing left to do.
    const again = await train({
      model,
      data,
      checkpoint: { directory: `${runs}/line` },
      resume: true,
    });
    expect(again).toMatchObject({ step: 500, stopped: false });
    tf.dispose([w, b]);
  });
});
