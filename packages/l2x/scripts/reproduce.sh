#!/bin/sh
# The sweep: 4 relaxations × k ∈ {5, 10, 15} × seeds, one run at a time, niced; one JSON line per
# run appended to results.jsonl. Order: k = 10 first, then the other k, then more seeds.
set -e
cd "$(dirname "$0")/.."
STEPS=${STEPS:-600}
SEEDS=${SEEDS:-"0 1 2"}
run() {
  nice -n 10 node --conditions=source --import ../../tooling/ts-source/register.mjs \
    scripts/run-one.ts "$1" "$2" "$3" "$STEPS" 2>/dev/null | grep '^{' >> results.jsonl
}
for seed in $SEEDS; do
  for k in 10 5 15; do
    for r in correlated-top-k top-k l2x softsub; do run "$r" "$k" "$seed"; done
  done
done
