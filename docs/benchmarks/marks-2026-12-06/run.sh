#!/bin/bash
# The runs of docs/benchmarks.md "2026-12-06 (night): the marks of sent emails gathered".
# ABBA at 500/s: A is the commit before the change (a worktree built with
# `mvn -q package -DskipTests`), B the change; PostgreSQL's counters sampled throughout.
# Usage: run.sh A-HOME B-HOME OUT
A=$1; B=$2; OUT=$3
mkdir -p "$OUT"
bash "$B/docs/benchmarks/commits-2026-12-06/pgsample.sh" > "$OUT/pg.txt" &
SAMPLER=$!
for run in "A1:$A" "B1:$B" "B2:$B" "A2:$A"; do
  name=${run%%:*}; home=${run#*:}
  echo "$name start $(date +%s)" >> "$OUT/times.txt"
  (cd "$home" && java -jar bench/target/bench.jar --rates=500 --duration=30s --warmup=60s --startup-runs=0 \
    --out="$OUT/$name" > "$OUT/$name.log" 2>&1)
  echo "$name end $(date +%s)" >> "$OUT/times.txt"
done
kill $SAMPLER
