// Programmatic access to the `sst` command (used by tests and by anyone embedding the CLI).
export { CliError } from './cli-error.js';
export { type CliIo, runCli } from './commands.js';
export { parseSolveRequest, type SolveRequest } from './solve/request.js';
export { runSolve, type SolveResponse } from './solve/run-solve.js';
