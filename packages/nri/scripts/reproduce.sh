#!/usr/bin/env bash
# Reproduces the NRI results in packages/nri/README.md: the three latents on the `cpu` preset,
# seed 0 trained LONG_STEPS (the long runs and their curves), seeds 1 and 2 trained the preset's
# 2000 steps; at most two runs at a time (wasm uses one core each). The table then reads every
# run at step 2000 — a run's first 2000 steps do not depend on how long it goes on (no schedule,
# batches and noise are functions of the step), so seed 0 counts in the table too.
#
#   pnpm install && pnpm turbo run build --filter=@sst-tricks/cli...
#   bash packages/nri/scripts/reproduce.sh [OUT_DIR] [LONG_STEPS]     (from the repository root)
#
# Takes about 70 minutes on 2 cores. A run that already finished is skipped; an interrupted one
# resumes from its last checkpoint.
set -euo pipefail
out=${1:-runs/nri-results}
long=${2:-6000}
mkdir -p "$out"

run() {
  local latent=$1 seed=$2 steps=$3
  local dir="$out/$latent-seed$seed"
  if [ -f "$dir/done" ]; then return; fi
  local resume=()
  if ls "$dir"/step-*.json >/dev/null 2>&1; then resume=(--resume); fi
  node apps/cli/dist/main.js train nri --latent "$latent" --config cpu --seed "$seed" \
    --steps "$steps" --out "$dir" "${resume[@]}" >"$dir.table" 2>"$dir.progress" &&
    touch "$dir/done"
}
export -f run
export out

{
  for latent in spanning-tree independent top-k; do echo "$latent 0 $long"; done
  for seed in 1 2; do
    for latent in spanning-tree independent top-k; do echo "$latent $seed 2000"; done
  done
} | xargs -P 2 -L 1 bash -c 'run "$@"' _

node packages/nri/scripts/summarize.mjs "$out" 2000
for metric in precision elbo; do
  node packages/nri/scripts/plot-curves.mjs --metric "$metric" \
    --title "NRI graph layout (n = 10, T = 10), cpu preset, seed 0: $metric" \
    --out "packages/nri/docs/$metric-curves.svg" \
    "spanning tree=$out/spanning-tree-seed0/metrics.jsonl" \
    "independent edges=$out/independent-seed0/metrics.jsonl" \
    "top-(n−1) edges=$out/top-k-seed0/metrics.jsonl"
done
