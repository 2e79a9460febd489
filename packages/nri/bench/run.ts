// `pnpm bench` for nri: data generation throughput against baselines measured in the same run;
// the model's dense layer, custom gradient against tfjs's own.
import { cpus } from 'node:os';
import { benchData } from './data.js';
import { benchModel } from './model.js';

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `nri benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpu}`,
);
console.log('\n## data');
await benchData();
console.log('\n## model');
await benchModel();
