// `pnpm sst ...` from the repository root: brings the CLI's build up to date (turbo, cached;
// its chatter goes to stderr so stdout stays pure JSON), then runs the built `sst` command.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turbo = join(root, 'node_modules', '.bin', 'turbo');
const build = spawnSync(
  turbo,
  ['run', 'build', '--filter=@sst-tricks/cli...', '--output-logs=errors-only', '--log-prefix=none'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  },
);
if (build.status !== 0) {
  process.stderr.write('sst: building the CLI failed (run "pnpm build" to see why)\n');
  process.exit(build.status ?? 1);
}
await import(pathToFileURL(join(root, 'apps', 'cli', 'dist', 'main.js')).href);
