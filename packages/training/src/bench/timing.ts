// Timing helpers of the benchmarks: medians of rounds, and the machine's load (the VM is shared:
// numbers are only comparable within one run, between sides measured in alternating rounds).
import { loadavg } from 'node:os';

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
}
