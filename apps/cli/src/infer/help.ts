// `sst infer --help`.
export function inferHelp(): string {
  return `usage: sst infer MODEL.onnx --input FILE [--batch N] [--scores]

Runs a model written by "sst export" with onnxruntime-node (CPU) and applies the hard solver its
metadata names to each item's output, printing one JSON object on stdout:
  {"model": {"kind", "latent", "structure"}, "count": N, "results": [ … one per item … ]}
with, per item, by structure:
  spanning-tree  {"edges": [[i, j], …]}           Kruskal's maximum tree (n − 1 edges, i < j)
  top-k          {"selected": [e, …], "edges": …}  the k highest-scoring edges
  independent    {"types": […], "edges": [[sender, receiver], …]}  argmax type per directed edge
  arborescence   {"tokens": […], "heads": [−1, h1, …], "edges": [[head, child], …]}  the parse:
                 the max arborescence rooted at token 0 (ListOps; heads as "sst parse --json")
These are the model's noise-free hard samples (what "sst eval" samples, without Gumbel noise).

input FILE:
  JSON         an array [batch, …] (or one item) of the model's input shape, bare or as
               {"<input name>": …}; for NRI [batch, frames, nodes, features], e.g. (x, y) per node
  NRI dataset  a file written by "sst data nri" (all its samples; nri models only)
  ListOps      (listops models) a TSV file as "sst data listops" writes ("label<TAB>expression"
               lines; the label is echoed), or JSON: ["[MAX 2 [MIN 3 4 ] ]", …] (expressions, or
               token lists), {"expressions": […]}, or the raw inputs {"token_ids": [[id, …], …],
               "lengths": […]} (int32 ids of the listops-parser vocabulary, 0 = padding;
               without lengths a row ends at its last non-padding id)

options:
  --input FILE  the inputs (required)
  --batch N     run the model N items at a time and print the throughput on stderr
                (default: all items in one run)
  --scores      also print each item's raw output scores (listops: the length × length arc
                scores, row = head)`;
}
