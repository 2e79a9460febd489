// `pnpm bench` for training: the loop's per-step overhead over a bare minimize loop.
import { cpus } from 'node:os';
import { benchCheckpointIo } from './checkpoint-io.js';
import { benchLoopOverhead } from './loop-overhead.js';

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `training benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpu}`,
);
console.log('\n## loop overhead');
await benchLoopOverhead();
console.log('\n## checkpoint I/O');
benchCheckpointIo();
