// `sst infer --help`.
export function inferHelp(): string {
  return `usage: sst infer MODEL.onnx --input FILE [--batch N] [--scores] [--pad max-length|review]

Runs a model written by "sst export" with onnxruntime-node (CPU) and applies the hard solver its
metadata names to each item's output, printing one JSON object on stdout:
  {"model": {"kind", "latent", "structure"}, "count": N, "results": [ … one per item … ]}
with, per item, by structure:
  spanning-tree  {"edges": [[i, j], …]}           Kruskal's maximum tree (n − 1 edges, i < j)
  top-k          {"selected": [e, …], "edges": …}  the k highest-scoring edges
  independent    {"types": […], "edges": [[sender, receiver], …]}  argmax type per directed edge
  arborescence   {"tokens": […], "heads": [−1, h1, …], "edges": [[head, child], …]}  the parse:
                 the max arborescence rooted at token 0 (ListOps; heads as "sst parse --json")
  l2x models     {"selected": [i, …], "words": […]}  the k selected word indices of each review
                 (top-k, or the correlated chain argmax), as "sst explain" / "sst eval l2x"
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
  L2X reviews  JSON: an array of review texts (tokenised as "sst explain" does), token arrays
               or token-id arrays, bare or under "reviews", "tokens" or "token_ids"; or the
               files of "sst data l2x" (train.txt-style reviews, annotations.json)

options:
  --input FILE  the inputs (required)
  --batch N     run the model N items at a time and print the throughput on stderr
                (default: all items in one run)
  --scores      also print each item's raw output scores (listops: the length × length arc
                scores, row = head)
  --pad P       l2x: max-length (default) pads/truncates every review to the training length,
                as training and "sst eval l2x" do; review runs each at its own length, as
                "sst explain" does (the logits depend on the padding)`;
}
