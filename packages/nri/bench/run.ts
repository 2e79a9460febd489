// `pnpm bench` for nri: data generation throughput against baselines measured in the same run;
// the model's dense layer, custom gradient against tfjs's own; whole training steps and their
// kernel profile; data-parallel steps on 2 worker threads against one process. `node dist-bench/bench/run.js step` runs one section (data, model, step, parallel).
import { cpus } from 'node:os';
import { benchData } from './data.js';
import { benchModel } from './model.js';
import { benchParallel } from './parallel.js';
import { benchStep } from './step.js';

const sections: Record<string, () => Promise<void>> = {
  data: benchData,
  model: benchModel,
  step: benchStep,
  parallel: benchParallel,
};
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in sections)) {
    console.error(`bench: unknown section "${name}" (known: ${Object.keys(sections).join(', ')})`);
    process.exit(2);
  }
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `nri benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpu}`,
);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run();
}
