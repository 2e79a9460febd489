// `sst solve --help`: the request format, with the structure list read from the registry.
import { STRUCTURE_SPECS, STRUCTURES } from './structures/index.js';
import type { StructureSpec } from './structures/spec.js';

function structureLines(): string {
  return STRUCTURES.map((name) => {
    const spec: StructureSpec = STRUCTURE_SPECS[name];
    const fields = spec.fields.length ? `; fields: ${spec.fields.join(', ')}` : '';
    return `  ${name.padEnd(20)} regularizer: ${spec.regularizers.join(' | ')}${fields}`;
  }).join('\n');
}

export function solveHelp(): string {
  return `usage: sst solve < request.json

One JSON request on stdin, one JSON response on stdout.

request: {"structure": string, "op": "argmax" | "marginals" | "vjp",
          "scores": number[] | number[][],    (number[][] = a batch, one row per item)
          "temperature"?: number,             (> 0, default 1; relaxations use scores / temperature)
          "regularizer"?: string,             (default: the first listed for the structure)
          "k"?: integer,                      (subset size, 0..m)
          "maxRange"?: number,                (spanning-tree: raise scores below max - maxRange)
          "rootMode"?: "multi" | "single",    (arborescence: may the root have several children?)
          "g"?: same shape as scores}         (vjp only: returns d(g . marginals)/d scores)

structures:
${structureLines()}

Score layouts: spanning-tree = the n(n-1)/2 edge weights, (i<j) row-major; arborescence and
permutation = an n×n row-major matrix (arborescence: row = head, column = child); correlated-k-subset
= {"word": number[m], "pair": number[m-1]} (batched: each part number[][]), and g likewise.

response: {"argmax": mask} | {"marginals": [...], "logZ"?: number} | {"vjp": [...]}
  (for a batch, one entry per item in each field; non-entropic regularisers have no logZ;
  permutation marginals come with "converged": whether Sinkhorn met its tolerance)`;
}
