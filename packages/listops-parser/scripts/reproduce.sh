#!/usr/bin/env bash
# Reproduces the ListOps table in packages/listops-parser/README.md: the four latents and the LSTM
# baseline on the CPU configuration (the `sst train listops` defaults: 5000 generated training
# expressions, depth ≤ 3, ≤ 30 tokens, no SM; widths 32; 2000 steps of batch 32; t = 0.3), for
# each seed in SEEDS, one run at a time (niced), each followed by `sst eval listops --json` on the
# 500 test expressions. A finished run is skipped; an interrupted one resumes. Then
#   node packages/listops-parser/scripts/summarize.mjs OUT_DIR
# prints the table.
#
#   pnpm install && pnpm turbo run build --filter=@sst-tricks/cli...
#   bash packages/listops-parser/scripts/reproduce.sh [OUT_DIR] [SEEDS]   (from the repository root)
#
# About 3–4 minutes a run on one free core (18 minutes a seed).
set -euo pipefail
out=${1:-runs/listops-results}
seeds=${2:-"0 1 2"}
mkdir -p "$out"
for seed in $seeds; do
  for latent in arborescence spanning-tree top-k independent lstm; do
    dir="$out/$latent-seed$seed"
    if [ -f "$dir/test.json" ]; then continue; fi
    resume=()
    if [ -d "$dir" ]; then resume=(--resume); fi
    nice -n 10 node apps/cli/dist/main.js train listops --latent "$latent" --seed "$seed" \
      --out "$dir" "${resume[@]}" >"$dir.table" 2>"$dir.progress"
    nice -n 10 node apps/cli/dist/main.js eval listops --checkpoint "$dir" --json \
      >"$dir/test.json.tmp" && mv "$dir/test.json.tmp" "$dir/test.json"
  done
done
