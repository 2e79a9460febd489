// `node --conditions=source --import @sst-tricks/tooling/ts-source script.ts`: run the workspace's
// TypeScript sources directly (tests only: a child process or worker thread started by a test,
// without a build first). The vitest preset passes these options to its test processes, so a
// worker thread they start inherits them.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
