// `pnpm bench` for sst-solvers: every hot path, each against a baseline measured in the same run.
// `node dist-bench/bench/run.js spanning-tree k-subset` runs only the named benchmarks.
import { cpus } from 'node:os';
import { benchArborescence } from './arborescence.js';
import { benchCorrelatedKSubset } from './correlated-k-subset.js';
import { benchKSubset } from './k-subset.js';
import { benchPeers } from './peers.js';
import { benchPermutation } from './permutation.js';
import { benchRegularizers } from './regularizers.js';
import { benchSpanningTree } from './spanning-tree.js';

const BENCHMARKS: Record<string, () => void | Promise<void>> = {
  'k-subset': benchKSubset,
  'spanning-tree': benchSpanningTree,
  regularizers: benchRegularizers,
  arborescence: benchArborescence,
  'correlated-k-subset': benchCorrelatedKSubset,
  permutation: benchPermutation,
  peers: benchPeers,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${JSON.stringify(unknown[0])} (known: ${Object.keys(BENCHMARKS).join(', ')})`,
  );
  process.exit(2);
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `sst-solvers benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpu}`,
);
// `peers` runs the official PyTorch timer too (minutes): only when asked for by name.
const defaults = Object.keys(BENCHMARKS).filter((name) => name !== 'peers');
for (const name of requested.length > 0 ? requested : defaults) {
  console.log(`\n## ${name}`);
  await BENCHMARKS[name]?.();
}
