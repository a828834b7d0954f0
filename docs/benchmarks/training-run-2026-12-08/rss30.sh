#!/bin/bash
# rss30.sh N: as rounds.sh with base.yml for user- and notification-service, RSS also read 30 s after ready.
cd /work/main; A=docs/benchmarks/spring-aot-2026-12-07/alone.sh
for i in $(seq 1 $1); do for v in base train; do
  if [ $v = base ]; then F="-f docker-compose.yml -f docs/benchmarks/training-run-2026-12-08/base.yml"; else F=""; fi
  for s in "user-service 9180" "notification-service 9181"; do
    set -- $s
    L=$(bash $A $1 $2 $F | head -1); sleep 30
    P=$(docker inspect -f '{{.State.Pid}}' $(docker compose ps -q $1))
    echo "$v $L rss30=$(( $(awk '/VmRSS/{print $2}' /proc/$P/status)/1024 ))"
  done
done; done
