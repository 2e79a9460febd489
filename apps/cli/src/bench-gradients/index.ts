// `sst bench gradients`: bias, variance and cosine of every gradient estimator against the exact
// gradient, on one small fixed problem per structure (see help.ts).
import {
  benchmarkProblem,
  ESTIMATOR_NAMES,
  type GradientDiagnosticsResult,
  gradientDiagnostics,
  selectBackend,
  structureLabel,
} from '@sst-tricks/sst-core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { formatTable, headerLine } from './format-table.js';
import { benchGradientsHelp } from './help.js';
import { parseBenchGradientsArgs } from './parse-args.js';

const NAME = 'sst bench gradients';

/** Runs the command; returns the exit code (2 for a bad flag, printed as one line on stderr). */
export async function benchGradients(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseBenchGradientsArgs>;
  try {
    parsed = parseBenchGradientsArgs(args);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
  if (parsed.help) {
    io.stdout(`${benchGradientsHelp()}\n`);
    return 0;
  }
  const backend = await selectBackend();
  const total = parsed.structures.length * parsed.temperatures.length;
  const runs: GradientDiagnosticsResult[][] = [];
  let done = 0;
  let lossDescription = '';
  const problems: string[] = [];
  for (const kind of parsed.structures) {
    const problem = benchmarkProblem(kind);
    lossDescription = problem.description.replace(/, a = .*$/, '');
    const results: GradientDiagnosticsResult[] = [];
    for (const [index, temperature] of parsed.temperatures.entries()) {
      const started = performance.now();
      let lastReport = started;
      results.push(
        gradientDiagnostics({
          ...problem,
          samples: parsed.samples,
          samplesPerEstimate: parsed.samplesPerEstimate,
          temperature,
          seed: parsed.seed,
          // REINFORCE ignores t and the noise is the same at every t: run it once per structure.
          estimators: index === 0 ? ESTIMATOR_NAMES : ['sst', 'straight-through'],
          onProgress: (count, of) => {
            const now = performance.now();
            if (now - lastReport < 2000 || count === of) return;
            lastReport = now;
            io.stderr(
              `${NAME}: ${structureLabel(problem.structure)}, t = ${temperature}: ${count}/${of}\n`,
            );
          },
        }),
      );
      done++;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.stderr(
        `${NAME}: [${done}/${total}] ${structureLabel(problem.structure)}, t = ${temperature}: ${parsed.samples} estimates in ${seconds} s\n`,
      );
    }
    runs.push(results);
    const fmt = (v: ArrayLike<number>) =>
      `[${Array.from(v, (x) => Number(x.toFixed(3))).join(', ')}]`;
    problems.push(
      `${structureLabel(problem.structure)}: θ = ${fmt(problem.theta)}, ${problem.description.replace(/^.*, a = /, 'a = ')}`,
    );
  }
  io.stdout(
    `${headerLine({
      lossDescription,
      samples: parsed.samples,
      samplesPerEstimate: parsed.samplesPerEstimate,
      seed: parsed.seed,
      backend,
    })}\n\n${formatTable(runs)}\n\n${problems.join('\n')}\n`,
  );
  return 0;
}
