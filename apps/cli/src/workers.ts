// The worker count a training command's first line reports: given, the resumed run's, or 1.
export function describeWorkers(workers: number | undefined, resume: boolean): string {
  if (workers === undefined) return resume ? "the checkpoint's worker count" : '1 worker';
  return `${workers} worker${workers === 1 ? '' : 's'}`;
}
