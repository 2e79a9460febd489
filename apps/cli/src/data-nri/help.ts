// `sst data nri --help`.
import { DEFAULT_SEED, SOURCE_DEFAULTS } from './parse-args.js';

export function dataNriHelp(): string {
  const gl = SOURCE_DEFAULTS['graph-layout'];
  const sp = SOURCE_DEFAULTS.springs;
  return `usage: sst data nri --split train|valid|test --count N --out DIR
                    [--seed S] [--source graph-layout|springs|charged]
                    [--nodes N] [--frames T]

Generates an NRI dataset and writes it to DIR/nri-<source>-<split>.bin (a binary file with a JSON
header: shape, seed, generator parameters, CRC-32; see the @sst-tricks/nri README).

sources:
  graph-layout  latent spanning tree = Kruskal on Gumbel(0) edge weights, positions ~ N(0, I),
                frame t = positions after t + 1 Fruchterman-Reingold steps (features x, y)
  springs       the NRI paper's springs simulator: box 5, strength 0.1, dt 0.001, a frame
                every 100 steps (features x, y, vx, vy)
  charged       the NRI paper's charged particles (strength 1), same integration

options:
  --split S     train, valid or test: disjoint per-sample seed streams of one base seed
  --count N     samples to generate
  --out DIR     output directory (created if missing)
  --seed S      integer base seed (default ${DEFAULT_SEED}); the same seed gives the same file
  --source K    graph-layout (default), springs or charged
  --nodes N     nodes / balls (default ${gl.nodes} for graph-layout, ${sp.nodes} for the simulators)
  --frames T    recorded frames (default ${gl.frames} for graph-layout, ${sp.frames} for the simulators)

The file is written to a temporary name and renamed when complete; progress goes to stderr, a
one-line summary to stdout.`;
}
