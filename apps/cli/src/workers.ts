// The worker count a training command's first line reports: given, the resumed run's (when a
// checkpoint is being resumed), or 1.
export function describeWorkers(workers: number | undefined, resuming: boolean): string {
  if (workers === undefined) return resuming ? "the checkpoint's worker count" : '1 worker';
  return `${workers} worker${workers === 1 ? '' : 's'}`;
}
