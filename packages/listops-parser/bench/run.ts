// `pnpm bench` for listops-parser: training steps per second of the CPU configuration per latent
// on wasm, 1 process against 2 worker threads (parallel), and where an in-process step's time
// goes (profile). `node dist-bench/bench/run.js profile` runs one section.
import { cpus } from 'node:os';
import { load } from '@sst-tricks/training/bench';
import { benchParallel } from './parallel.js';
import { benchProfile } from './profile.js';

const sections: Record<string, () => Promise<void>> = {
  parallel: benchParallel,
  profile: benchProfile,
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
  `listops-parser benchmarks — ${new Date().toISOString().slice(0, 16)}Z, node ${process.version}, ${cpus().length}× ${cpu}, load ${load()}`,
);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run();
}
