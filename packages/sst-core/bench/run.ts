// `pnpm bench` for sst-core: the relaxation ops' overhead over the bare float64 solvers.
import { cpus } from 'node:os';
import { benchOpOverhead } from './op-overhead.js';

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `sst-core benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpu}`,
);
console.log('\n## op overhead');
await benchOpOverhead();
