export function trainListOpsHelp(): string {
  return `usage: sst train listops [--latent L] [options]

Trains the ListOps parser-evaluator (embeddings → head/modifier LSTMs → bilinear arc scores →
latent graph → GNN from children to heads → root → MLP over the 10 values) on the shared loop:
progress on stderr, metrics.jsonl and atomic checkpoints in --out, exact --resume. Ctrl-C stops
after the current step and writes a checkpoint. Ends with the table of validation evaluations.
The defaults are the CPU configuration (5000 generated training expressions, depth ≤ 3, ≤ 30
tokens, no SM; widths 32): a few minutes on one core.

options:
  --latent L          arborescence (default), spanning-tree, top-k, independent, or lstm (baseline)
  --out DIR           checkpoints and metrics.jsonl (default runs/listops-<latent>-seed<seed>)
  --steps N           total updates (default 2000)
  --batch B           examples per step (default 32)
  --lr X              Adam learning rate (default 0.002)
  --temperature T     relaxation temperature (default 0.3: t = 1 learnt no better than a flat parse)
  --embedding E       token embedding width (default 32)
  --hidden H          LSTM width (default 32)
  --width D           GNN and MLP width (default 32)
  --rounds R          message-passing rounds (default: the data's --max-depth)
  --eval-every N      validation every N steps (default 250)
  --checkpoint-every N  checkpoint every N steps (default 250)
  --seed S            weights and noise seed (default 0)
  --data-seed S       generated data seed (default 0; the same data for every --seed)
  --train-size N, --valid-size N, --test-size N   generated split sizes (5000, 500, 500)
  --max-depth D, --max-length L   generated expression bounds (3, 30)
  --train FILE --valid FILE [--test FILE]   TSV files instead of generated data
  --resume            continue the newest checkpoint in --out (its settings; --steps may grow)
  --backend B         wasm or cpu (default: wasm if available)
  --workers W         split each batch across W worker threads, each with its own backend, one
                      optimizer step (the same results to float rounding); default 1 (2 workers
                      measured no faster at the CPU configuration: package README, Benchmarks);
                      --resume keeps the run's count (another is refused)`;
}
