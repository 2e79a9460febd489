// Worker threads run the BUILT packages (a worker cannot load TypeScript): tests that start
// workers first bring the builds of a package and its workspace dependencies up to date (turbo,
// cached when nothing changed), so they pass on a clean clone where nothing was built yet.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds `pkg` (e.g. "@sst-tricks/nri") and everything it depends on. */
export function buildForWorkers(pkg) {
  execFileSync(
    join(root, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', `--filter=${pkg}...`, '--output-logs=errors-only'],
    { cwd: root, stdio: 'ignore', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
}
