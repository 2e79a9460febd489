// `sst train nri --help`.
import { CONFIGS } from './config.js';
import { DEFAULT_SEED } from './parse-args.js';

export function trainNriHelp(): string {
  const cpu = CONFIGS.cpu;
  const paper = CONFIGS.paper;
  const preset = (c: typeof cpu) =>
    `width ${c.hidden}, batch ${c.batch}, lr ${c.lr}, temperature ${c.temperature}, n = ${c.nodes}, T = ${c.frames}, prediction steps ${c.predictionSteps}, ${c.messageInit} message init, ${c.steps} steps, eval/checkpoint every ${c.evalEvery}${c.restarts > 1 ? `, spanning tree: up to ${c.restarts} seeds, the first with ELBO ≥ ${c.restartAccept} at step ${c.restartSteps}` : ''}`;
  return `usage: sst train nri --latent spanning-tree|top-k|independent [--config cpu|paper]
                     [--steps N] [--batch B] [--hidden H] [--lr X] [--temperature T]
                     [--nodes n] [--frames T] [--prediction-steps P]
                     [--message-init tied|independent] [--decoder-slices S]
                     [--restarts K] [--restart-steps N] [--restart-accept E]
                     [--restart-concurrency C]
                     [--eval-every N] [--checkpoint-every N]
                     [--out DIR] [--resume] [--seed S] [--backend wasm|cpu] [--workers W]

Trains NRI on generated graph-layout trajectories (fresh seeded batches every step, a fixed
validation set of 4 batches) with Adam. Progress goes to stderr; DIR receives metrics.jsonl and
the checkpoints (the last two kept, and one at the end); at the end a metrics table is printed on
stdout (step, ELBO, NLL, KL, edge precision and recall, steps/s, wall time).

presets (explicit flags override them):
  cpu    ${preset(cpu)}
         (default; tuned for 2 cores: ≈ 7 minutes on wasm, see packages/nri/README.md)
  paper  ${preset(paper)}

options:
  --latent L            spanning-tree, top-k or independent (required)
  --steps N             total updates (with --resume: the new total)
  --batch B, --hidden H, --lr X, --temperature T, --nodes n, --frames T
  --prediction-steps P  teacher forcing every P frames: each training prediction rolls the
                        decoder at most P steps from a true frame (1 = one step ahead)
  --message-init I      tied: the decoder's "edge" and "no edge" message MLPs start equal;
                        independent: separate random draws (the reference code's)
  --decoder-slices S    run each step's decoder over S slices of the batch: same results, less
                        memory (wasm has 4 GB), ≈ 10 % slower
  --restarts K          train K initialisations (seeds S, S+1, …) for --restart-steps steps each
                        (default 500) and continue the one with the best validation ELBO; some
                        seeds lock onto far-apart pairs and show it in the ELBO (cpu preset 4,
                        paper preset 1: off)
  --restart-accept E    keep the first candidate whose ELBO reaches E and train no later one
                        (cpu preset −2150; none: train all K, keep the best)
  --restart-concurrency C
                        train C candidates at once, each in its own worker thread (default:
                        1 with --restart-accept, else min(K, cores)); the results do not
                        depend on it
  --eval-every N        validation ELBO / precision every N steps (and after the last)
  --checkpoint-every N  a checkpoint every N steps (and at the end, and on Ctrl-C)
  --out DIR             run directory (default runs/nri-<latent>)
  --resume              continue from the newest checkpoint in DIR (its model settings, seed
                        and learning rate unless given)
  --seed S              integer seed of weights, noise and data (default ${DEFAULT_SEED})
  --backend B           wasm or cpu (default: tfjs-node if installed, else wasm, else cpu)
  --workers W           split each batch across W worker threads, each with its own backend,
                        one optimizer step (same results to float rounding); default one per
                        core with at least 16 items each (cpu preset on 2 cores: 2), 1 with
                        --decoder-slices; --resume keeps the run's count (another is refused)

Ctrl-C stops after the current step, writes a checkpoint and exits with status 130.`;
}
