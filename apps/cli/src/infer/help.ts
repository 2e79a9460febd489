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
  l2x models     {"selected": [i, …], "words": […]}  the k selected word indices of each review
                 (top-k, or the correlated chain argmax), as "sst explain" / "sst eval l2x"
These are the model's noise-free hard samples (what "sst eval" samples, without Gumbel noise).

input FILE:
  JSON         an array [batch, …] (or one item) of the model's input shape, bare or as
               {"<input name>": …}; for NRI [batch, frames, nodes, features], e.g. (x, y) per node
  NRI dataset  a file written by "sst data nri" (all its samples; nri models only)
  L2X reviews  JSON: an array of review texts (tokenised as "sst explain" does), token arrays
               or token-id arrays, bare or under "reviews", "tokens" or "token_ids"; or the
               files of "sst data l2x" (train.txt-style reviews, annotations.json)

options:
  --input FILE  the inputs (required)
  --batch N     run the model N items at a time and print the throughput on stderr
                (default: all items in one run)
  --scores      also print each item's raw output scores
  --pad P       l2x: max-length (default) pads/truncates every review to the training length,
                as training and "sst eval l2x" do; review runs each at its own length, as
                "sst explain" does (the logits depend on the padding)`;
}
