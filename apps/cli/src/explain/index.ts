// `sst explain --checkpoint P "text of a review"`: the predicted rating and the review with the
// k selected words highlighted (ANSI reverse video on a terminal, [brackets] otherwise, --json).
import { tokenize } from '@sst-tricks/l2x';
import { selectBackend } from '@sst-tricks/sst-core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { loadL2xCheckpoint } from '../eval-l2x/load-model.js';

const NAME = 'sst explain';

export function explainHelp(): string {
  return `usage: sst explain --checkpoint DIR|FILE [--json] [--color|--no-color] "text of a review"

Tokenises the review (lower case, punctuation split off), lets a model trained by "sst train l2x"
select its k words and rate the aspect from them, and prints the rating and the review with the
selected words highlighted: reverse video on a terminal, [brackets] otherwise; --json prints
{"aspect", "rating", "tokens", "selected"} (selected = token indices).`;
}

export async function explain(
  args: string[],
  io: CliIo,
  options: { tty?: boolean } = {},
): Promise<number> {
  try {
    let checkpoint: string | undefined;
    let json = false;
    let color: boolean | undefined;
    const text: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--help' || a === '-h') {
        io.stdout(`${explainHelp()}\n`);
        return 0;
      }
      if (a === '--json') json = true;
      else if (a === '--color') color = true;
      else if (a === '--no-color') color = false;
      else if (a === '--checkpoint') {
        checkpoint = args[++i];
        if (checkpoint === undefined) throw new CliError('--checkpoint needs a value');
      } else if (a.startsWith('--checkpoint=')) checkpoint = a.slice('--checkpoint='.length);
      else if (a.startsWith('--'))
        throw new CliError(
          `unknown flag ${JSON.stringify(a)} (known: --checkpoint, --json, --color, --no-color, --help)`,
        );
      else text.push(a);
    }
    if (checkpoint === undefined) throw new CliError('--checkpoint is required (see --help)');
    const tokens = tokenize(text.join(' '));
    if (tokens.length === 0) throw new CliError('give the review text as an argument');
    await selectBackend(undefined);
    const { model, vocabulary, meta } = loadL2xCheckpoint(checkpoint);
    const length = Math.max(tokens.length, meta.k, 2);
    const ids = vocabulary.encode([tokens], length);
    const { selection, ratings } = model.explain({
      ids,
      ratings: new Float32Array(1),
      count: 1,
      length,
    });
    model.dispose();
    const selected = tokens.map((_, i) => i).filter((i) => selection[i] > 0.5);
    if (json) {
      io.stdout(
        `${JSON.stringify({ aspect: meta.aspect, rating: ratings[0], tokens, selected })}\n`,
      );
      return 0;
    }
    const ansi = color ?? options.tty ?? process.stdout.isTTY === true;
    const shown = tokens.map((t, i) =>
      selection[i] > 0.5 ? (ansi ? `\x1b[7m${t}\x1b[0m` : `[${t}]`) : t,
    );
    io.stdout(
      `${meta.aspect} rating ${ratings[0].toFixed(2)} (k = ${meta.k}, ${meta.relaxation})\n${shown.join(' ')}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
}
