// `sst parse --checkpoint DIR|FILE "[MAX 2 [MIN 3 4 ] ]"`: the trained model's value for one
// expression and its parse (the hard latent graph) as an indented tree, or --json.
import { evaluate, parseLine, parseTokens, predict, renderTree } from '@sst-tricks/listops-parser';
import { selectBackend } from '@sst-tricks/sst-core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { oneOf } from '../flags.js';
import { readListOpsCheckpoint, restoredModel } from '../train-listops/checkpoint.js';
import { BACKENDS } from '../train-nri/parse-args.js';

const NAME = 'sst parse';

export function parseHelp(): string {
  return `usage: sst parse --checkpoint DIR|FILE [--json] [--backend wasm|cpu] "EXPRESSION"

Runs a checkpoint of "sst train listops" on one ListOps expression (tokens separated by spaces,
parentheses allowed, e.g. "[MAX 2 [MIN 3 4 ] ]") and prints the predicted value, the true value,
and the predicted parse as an indented tree (the arcs, when they do not form a tree). --json
prints {tokens, value, trueValue, probabilities, arcs, heads} instead.`;
}

export async function parseCommand(args: string[], io: CliIo): Promise<number> {
  try {
    let checkpointPath: string | undefined;
    let json = false;
    let backend: (typeof BACKENDS)[number] | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--help' || a === '-h') {
        io.stdout(`${parseHelp()}\n`);
        return 0;
      }
      if (a === '--json') json = true;
      else if (a === '--checkpoint' || a === '--backend') {
        const v = args[++i];
        if (v === undefined) throw new CliError(`${a} needs a value`);
        if (a === '--checkpoint') checkpointPath = v;
        else backend = oneOf('--backend', v, BACKENDS);
      } else if (a.startsWith('--'))
        throw new CliError(
          `unknown flag ${JSON.stringify(a)} (known: --checkpoint, --json, --backend, --help)`,
        );
      else positional.push(a);
    }
    if (checkpointPath === undefined) throw new CliError('--checkpoint is required (see --help)');
    if (positional.length !== 1)
      throw new CliError(`takes one expression (quote it), got ${positional.length} arguments`);
    let tokens: readonly string[];
    try {
      // The evaluator's own checks (the label is a placeholder).
      tokens = parseLine(`0\t${positional[0]}`).tokens;
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(`expression: ${error.message}`);
      throw error;
    }
    if (tokens.length < 2) throw new CliError('expression must have an operator (≥ 2 tokens)');
    const { checkpoint, meta } = readListOpsCheckpoint(checkpointPath);
    await selectBackend(backend);
    const model = restoredModel(checkpoint, meta);
    const prediction = predict(model, tokens);
    model.dispose();
    const trueValue = evaluate(parseTokens(tokens));
    if (json) {
      io.stdout(`${JSON.stringify({ tokens, trueValue, ...prediction })}\n`);
      return 0;
    }
    io.stdout(
      `value ${prediction.value} (true value ${trueValue}, p = ${prediction.probabilities[prediction.value].toFixed(3)})\n`,
    );
    if (prediction.heads !== undefined) io.stdout(renderTree(tokens, prediction.heads));
    else if (prediction.arcs !== undefined)
      io.stdout(
        `the predicted arcs do not form a tree:\n${prediction.arcs.map(([h, c]) => `  ${tokens[h]}@${h} → ${tokens[c]}@${c}`).join('\n')}\n`,
      );
    else io.stdout(`(the ${meta.latent} baseline has no parse)\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
}
