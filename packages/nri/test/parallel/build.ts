// Worker threads run the BUILT packages (a worker cannot load TypeScript): bring the builds of
// nri and its workspace dependencies up to date first (turbo, cached when nothing changed).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

export function buildForWorkers(): void {
  execFileSync(
    join(root, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', '--filter=@sst-tricks/nri...', '--output-logs=errors-only'],
    { cwd: root, stdio: 'ignore', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
}
