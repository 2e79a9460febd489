// Per-step overhead of train() over a bare `optimizer.minimize` loop on the same model, data and
// noise, measured in the same process on wasm. Three variants per model, alternating within each
// round so drift hits them alike:
// - bare: batch → minimize(loss, returnCost) → read the loss → free the batch (a minimal loop
//   that still reads the loss, as any loop that logs does);
// - train(): the loop alone (events to a no-op listener, no files);
// - train() + files: with the JSONL log and a checkpoint every 100 steps, rendering every event
//   with renderProgress (what the CLI does, minus the terminal).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { renderProgress, train } from '../src/index.js';
import { createMlp, type MlpSize, mlpBatch } from './mlp.js';

const SIZES: readonly (MlpSize & { steps: number })[] = [
  { label: 'tiny MLP 4→16→16→1, batch 16', inputs: 4, hidden: 16, batch: 16, steps: 400 },
  { label: 'MLP 32→256→256→1, batch 128', inputs: 32, hidden: 256, batch: 128, steps: 100 },
];

type Variant = (size: MlpSize, steps: number) => Promise<number>;

/** ms per step of a bare minimize loop. */
const bare: Variant = async (size, steps) => {
  const model = createMlp(size, new RandomGenerator(1));
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const modelGenerator = new RandomGenerator(3);
  const dataGenerator = new RandomGenerator(4);
  const variables = Object.values(model.variables);
  const start = performance.now();
  for (let step = 0; step < steps; step++) {
    const batch = mlpBatch(size, { step, generator: dataGenerator });
    const context = { step, totalSteps: steps, generator: modelGenerator, training: true } as const;
    const loss = optimizer.minimize(() => model.loss(batch, context) as tf.Scalar, true, variables);
    (await (loss as tf.Scalar).data())[0];
    loss?.dispose();
    tf.dispose([batch.x, batch.y]);
  }
  const ms = (performance.now() - start) / steps;
  optimizer.dispose();
  model.dispose();
  return ms;
};

function loop(files: boolean): Variant {
  return async (size, steps) => {
    const model = createMlp(size, new RandomGenerator(1));
    const directory = files ? mkdtempSync(join(tmpdir(), 'sst-bench-')) : null;
    // Rendered lines go to a counter (a terminal write would measure the terminal).
    const sink = { characters: 0 };
    const start = performance.now();
    await train({
      model,
      data: (context) => mlpBatch(size, context),
      steps,
      seed: 3,
      checkpoint: directory === null ? undefined : { directory, every: 100 },
      onEvent: files
        ? (event) => {
            sink.characters += renderProgress(event).length;
          }
        : () => {},
    });
    const ms = (performance.now() - start) / steps;
    model.dispose();
    if (directory !== null) rmSync(directory, { recursive: true, force: true });
    return ms;
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Prints, per model: ms/step of each variant (median of `rounds`) and the loop's overhead. */
export async function benchLoopOverhead(rounds = 7): Promise<void> {
  const backend = await selectBackend('wasm');
  console.log(`\n### backend: ${backend} (ms per step, median of ${rounds} rounds)`);
  console.log(
    '| model | steps/round | bare minimize | train() | overhead | train() + log + checkpoints | overhead |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const variants = [bare, loop(false), loop(true)];
  for (const size of SIZES) {
    const samples = variants.map(() => [] as number[]);
    for (let round = -1; round < rounds; round++) {
      for (const [k, variant] of variants.entries()) {
        const ms = await variant(size, size.steps);
        if (round >= 0) samples[k].push(ms); // round −1 warms up
      }
    }
    const [b, l, f] = samples.map(median);
    const pct = (x: number) => `${((x / b - 1) * 100).toFixed(1)} %`;
    console.log(
      `| ${size.label} | ${size.steps} | ${b.toFixed(3)} | ${l.toFixed(3)} | ${pct(l)} | ${f.toFixed(3)} | ${pct(f)} |`,
    );
  }
}
