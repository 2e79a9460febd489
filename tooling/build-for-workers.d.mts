/** Builds `pkg` (e.g. "@sst-tricks/nri") and everything it depends on (turbo, cached). */
export function buildForWorkers(pkg: string): void;
