#!/usr/bin/env bash
# Reproduces the NRI results in packages/nri/README.md, at most two runs at a time (wasm uses one
# core each):
#   - the three latents on the `cpu` preset: seed 0 trained LONG_STEPS (the long runs and their
#     curves), seeds 1 and 2 the preset's 2000 steps;
#   - the spanning tree with `--restarts 2` (bases 1, 2, 3), 2000 steps.
# The table reads every run at step 2000: a run's first 2000 steps do not depend on how long it
# goes on (no schedule; batches and noise are functions of the step), so seed 0 counts too.
#
#   pnpm install && pnpm turbo run build --filter=@sst-tricks/cli...
#   bash packages/nri/scripts/reproduce.sh [OUT_DIR] [LONG_STEPS]     (from the repository root)
#
# About 2 hours on 2 cores. A finished run is skipped; an interrupted one resumes.
set -euo pipefail
out=${1:-runs/nri-results}
long=${2:-6000}
mkdir -p "$out/cpu" "$out/restarts"

run() {
  local dir=$1
  shift
  if [ -f "$dir/done" ]; then return; fi
  local resume=()
  if [ -d "$dir" ]; then resume=(--resume); fi
  node apps/cli/dist/main.js train nri --config cpu --out "$dir" "$@" "${resume[@]}" \
    >"$dir.table" 2>"$dir.progress" && touch "$dir/done"
}
export -f run

{
  for latent in spanning-tree independent top-k; do
    echo "$out/cpu/$latent-seed0 --latent $latent --seed 0 --steps $long"
  done
  for seed in 1 2; do
    for latent in spanning-tree independent top-k; do
      echo "$out/cpu/$latent-seed$seed --latent $latent --seed $seed --steps 2000"
    done
  done
  for base in 1 2 3; do
    echo "$out/restarts/spanning-tree-base$base --latent spanning-tree --seed $base --steps 2000 --restarts 2 --restart-steps 500"
  done
} | xargs -P 2 -L 1 bash -c 'run "$@"' _

node packages/nri/scripts/summarize.mjs "$out/cpu" 2000
node packages/nri/scripts/summarize.mjs "$out/restarts" 2000
for metric in precision elbo; do
  node packages/nri/scripts/plot-curves.mjs --metric "$metric" \
    --title "NRI graph layout (n = 10, T = 10), cpu preset, seed 0: $metric" \
    --out "packages/nri/docs/$metric-curves.svg" \
    "spanning tree=$out/cpu/spanning-tree-seed0/metrics.jsonl" \
    "independent edges=$out/cpu/independent-seed0/metrics.jsonl" \
    "top-(n−1) edges=$out/cpu/top-k-seed0/metrics.jsonl"
done
