// The benchmarks' timing helpers (medians of rounds, the machine's load) live in
// @sst-tricks/training/bench, shared with the other models' benches.
export { load, median } from '@sst-tricks/training/bench';
