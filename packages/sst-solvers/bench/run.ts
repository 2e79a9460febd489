// `pnpm bench` for sst-solvers: every hot path, each against a baseline measured in the same run.
import { cpus } from 'node:os';
import { benchKSubset } from './k-subset.js';
import { benchSpanningTree } from './spanning-tree.js';

console.log(`sst-solvers benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? 'unknown CPU'}`);
benchKSubset();
benchSpanningTree();
