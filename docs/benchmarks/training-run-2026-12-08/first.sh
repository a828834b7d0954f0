#!/bin/bash
# first.sh PATH1 PATH2 [compose -f args]: recreate user-service, time the first request to PATH1 once the port answers, then PATH2
P1=$1; P2=$2; shift 2
cd /work/main
docker compose "$@" rm -sf user-service >/dev/null 2>&1; docker compose "$@" up -d --no-deps user-service >/dev/null 2>&1
while true; do R=$(curl -s -o /dev/null -w "%{http_code} %{time_total}" localhost:9180$P1 2>/dev/null); case "$R" in 000*) sleep 0.01;; *) break;; esac; done
R2=$(curl -s -o /dev/null -w "%{http_code} %{time_total}" localhost:9180$P2)
echo "$P1 $R | then $P2 $R2"
