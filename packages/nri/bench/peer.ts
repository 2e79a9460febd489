// The optional PyTorch peer of the parallel bench: $SST_NRI_PEER names a timer of the official
// NRI training step (kept outside this repository, since it runs another project's code; README),
// run by /usr/bin/python3 with torch on 2 threads as PERF-NOTES measured it. It prints lines
// `nri_<config>_<variant>_step_ms: <median ms> (rounds <ms> <ms> …)`; we keep every round.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';

export type Peer = { script: string } | { skipped: string };

/** The timer to run, or why not. */
export function findPeer(): Peer {
  const path = process.env.SST_NRI_PEER;
  if (path === undefined || path === '') {
    return { skipped: 'PyTorch peer skipped: set SST_NRI_PEER to its timer script (README)' };
  }
  if (!existsSync(path)) return { skipped: `PyTorch peer skipped: ${path} does not exist` };
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return {
      skipped: `PyTorch peer skipped: ${PYTHON} has no torch (apt-get install -y python3-torch)`,
    };
  }
  return { script: path };
}

/** Runs the timer for one configuration: each printed variant (`nri_<config>_<variant>_step_ms`,
 *  the official step with and without train.py's logging pass) with its rounds (ms per step). */
export function runPeer(script: string, config: string, rounds: number): Record<string, number[]> {
  const res = spawnSync(PYTHON, [script, '--config', config, '--rounds', String(rounds)], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '2', OMP_WAIT_POLICY: 'PASSIVE' },
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`the PyTorch peer failed: ${res.stderr.slice(-400)}`);
  const variants: Record<string, number[]> = {};
  for (const line of res.stdout.split('\n')) {
    const found = line.match(/^nri_\w+?_(\w+)_step_ms: [\d.]+ \(rounds ([\d.\s]+)\)/);
    if (found !== null) variants[found[1]] = found[2].trim().split(/\s+/).map(Number);
  }
  if (Object.keys(variants).length === 0) {
    throw new Error(
      `the PyTorch peer printed no 'nri_…_step_ms: … (rounds …)' line:\n${res.stdout}`,
    );
  }
  return variants;
}
