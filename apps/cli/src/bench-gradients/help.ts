// `sst bench gradients --help`.
import { DEFAULTS } from './parse-args.js';

export function benchGradientsHelp(): string {
  return `usage: sst bench gradients [--samples N] [--samples-per-estimate S] [--seed S]
                           [--structures one-hot,k-subset,spanning-tree]
                           [--temperatures 0.1,0.5,1]

Compares gradient estimators of d/dθ E[loss(X)], X = argmax_{x in structure} <θ + Gumbel, x>,
on one fixed small problem per structure (one-hot m = 5, k-subset m = 5 k = 2, spanning tree
n = 4; loss (<a, x> - 1)^2) against the EXACT gradient (closed-form softmax for one-hot, exact
Plackett-Luce enumeration for k-subsets and trees), and prints a markdown table of each
estimator's bias norm, total variance and cosine to the exact gradient.

estimators: sst (relaxed), straight-through, reinforce, reinforce-moving-average (decay 0.9),
            reinforce-leave-one-out; REINFORCE does not depend on the temperature (one row each).

options:
  --samples N               independent gradient estimates per estimator (default ${DEFAULTS.samples})
  --samples-per-estimate S  samples averaged in each estimate, equal for all (default ${DEFAULTS.samplesPerEstimate})
  --seed S                  integer seed of all the Gumbel noise (default ${DEFAULTS.seed})
  --structures LIST         comma-separated, from one-hot, k-subset, spanning-tree (default all)
  --temperatures LIST       comma-separated, each > 0 (default ${DEFAULTS.temperatures.join(',')})

Runs on the first tfjs backend available (tfjs-node-gpu, tfjs-node, wasm, cpu); progress on stderr.`;
}
