// The `sst` command's subcommands, their help text, and the dispatcher shared by main and tests.
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { solveHelp } from './solve/help.js';
import { parseSolveRequest } from './solve/request.js';
import { runSolve } from './solve/run-solve.js';

export type { CliIo } from './cli-io.js';

const USAGE = `usage: sst <command> [options]

commands:
  solve    read one JSON request on stdin, write one JSON response on stdout
           (argmax / marginals / vjp for every structure: one-hot, binary, k-subsets,
           spanning trees, arborescences, permutations, correlated k-subsets)
  bench    bench gradients: bias, variance and cosine of each gradient estimator (SST,
           straight-through, REINFORCE with baselines) against the exact gradient
  data     data nri: generate NRI trajectory datasets (graph-layout, springs, charged)
           data listops: generate or --verify ListOps TSV files
           data l2x: write synthetic aspect-rated reviews in the BeerAdvocate format
  train    train nri: train NRI (spanning-tree, top-k or independent latent) with checkpoints
           train listops: train the ListOps parser (arborescence, spanning-tree, top-k,
           independent latent, or the LSTM baseline) with checkpoints
           train l2x: train an L2X explainer (k words) for one aspect's rating
  eval     eval nri: evaluate an NRI checkpoint on its validation set
           eval listops: accuracy and parse metrics of a ListOps checkpoint
           eval l2x: test MSE and subset precision of an L2X checkpoint
  export   export nri: write a checkpoint's encoder as an ONNX file (opset 17, with metadata)
           export listops: write a ListOps checkpoint's arc scorer as an ONNX file
  infer    run an exported ONNX model with onnxruntime-node and read its hard structures
  parse    parse one ListOps expression with a trained checkpoint (value + parse tree)
  explain  explain an L2X rating: the k words a checkpoint selects in a review, highlighted

Run "sst <command> --help" for details.`;

async function solve(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${solveHelp()}\n`);
    return 0;
  }
  if (args.length > 0)
    throw new CliError(
      `takes no arguments, got ${JSON.stringify(args[0])} (the request is read from stdin)`,
    );
  const request = parseSolveRequest(await io.readStdin());
  io.stdout(`${JSON.stringify(runSolve(request))}\n`);
  return 0;
}

const BENCH_USAGE = `usage: sst bench gradients [options]   (run "sst bench gradients --help")`;

async function bench(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (what === undefined || what === '--help' || what === '-h') {
    (what === undefined ? io.stderr : io.stdout)(`${BENCH_USAGE}\n`);
    return what === undefined ? 2 : 0;
  }
  if (what !== 'gradients')
    throw new CliError(`unknown benchmark ${JSON.stringify(what)} (known: gradients)`);
  // Loaded on demand so that `sst solve` never pays for TensorFlow.js start-up.
  const { benchGradients } = await import('./bench-gradients/index.js');
  return benchGradients(rest, io);
}

const DATA_USAGE = `usage: sst data nri|listops|l2x [options]   (run "sst data nri --help")`;

async function data(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (what === undefined || what === '--help' || what === '-h') {
    (what === undefined ? io.stderr : io.stdout)(`${DATA_USAGE}\n`);
    return what === undefined ? 2 : 0;
  }
  if (what === 'listops') return (await import('./data-listops/index.js')).dataListOps(rest, io);
  if (what === 'l2x') return (await import('./data-l2x/index.js')).dataL2x(rest, io);
  if (what !== 'nri')
    throw new CliError(`unknown dataset ${JSON.stringify(what)} (known: nri, listops, l2x)`);
  const { dataNri } = await import('./data-nri/index.js');
  return dataNri(rest, io);
}

const TRAIN_USAGE = `usage: sst train nri|listops|l2x [options]   (run "sst train nri --help")`;

async function trainCommand(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (what === undefined || what === '--help' || what === '-h') {
    (what === undefined ? io.stderr : io.stdout)(`${TRAIN_USAGE}\n`);
    return what === undefined ? 2 : 0;
  }
  if (what === 'listops')
    return (await import('./train-listops/index.js')).trainListOpsCommand(rest, io);
  if (what === 'l2x') return (await import('./train-l2x/index.js')).trainL2xCommand(rest, io);
  if (what !== 'nri')
    throw new CliError(`unknown model ${JSON.stringify(what)} (known: nri, listops, l2x)`);
  const { trainNriCommand } = await import('./train-nri/index.js');
  return trainNriCommand(rest, io);
}

const EVAL_USAGE = `usage: sst eval nri|listops|l2x --checkpoint DIR|FILE [options]   (run "sst eval nri --help")`;

async function evalCommand(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (what === undefined || what === '--help' || what === '-h') {
    (what === undefined ? io.stderr : io.stdout)(`${EVAL_USAGE}\n`);
    return what === undefined ? 2 : 0;
  }
  if (what === 'listops') return (await import('./eval-listops/index.js')).evalListOps(rest, io);
  if (what === 'l2x') return (await import('./eval-l2x/index.js')).evalL2x(rest, io);
  if (what !== 'nri')
    throw new CliError(`unknown model ${JSON.stringify(what)} (known: nri, listops, l2x)`);
  const { evalNri } = await import('./eval-nri/index.js');
  return evalNri(rest, io);
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { exportModel } = await import('./export-model/index.js');
  return exportModel(args, io);
}

async function parseListOps(args: string[], io: CliIo): Promise<number> {
  return (await import('./parse/index.js')).parseCommand(args, io);
}

async function inferCommand(args: string[], io: CliIo): Promise<number> {
  const { infer } = await import('./infer/index.js');
  return infer(args, io);
}

async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const { explain } = await import('./explain/index.js');
  return explain(args, io);
}

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  solve,
  bench,
  data,
  train: trainCommand,
  eval: evalCommand,
  export: exportCommand,
  infer: inferCommand,
  parse: parseListOps,
  explain: explainCommand,
};

/** Runs the CLI; returns the exit code. User errors become one line on stderr, never a stack. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined) {
      io.stderr(`${USAGE}\n`);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run)
      throw new CliError(
        `unknown command ${JSON.stringify(command)} (known: ${Object.keys(COMMANDS).join(', ')})`,
      );
    return await run(args, io);
  } catch (error) {
    const where = command && COMMANDS[command] ? `sst ${command}` : 'sst';
    // CliErrors are the request's fault; so are RangeErrors, which the solvers throw for bad
    // values the request validation cannot foresee (e.g. scores / temperature overflowing).
    // Anything else (a TypeError included: the CLI always hands the solvers the right kinds)
    // is a bug of ours and says so.
    if (error instanceof CliError || error instanceof RangeError) {
      io.stderr(`${where}: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${where}: internal error: ${message} (set SST_DEBUG=1 for a stack trace)\n`);
    if (process.env.SST_DEBUG === '1' && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
