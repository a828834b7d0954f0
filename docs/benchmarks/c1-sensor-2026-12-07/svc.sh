#!/bin/bash
# usage: svc.sh SERVICE MGMTPORT LABEL [-f extra.yml]: recreates it, launch->ready s, CPU s at ready, then RSS and CPU over the next 60 s
cd "$(dirname "$0")/../../.." || exit 1; S=$1; M=$2; L=$3; shift 3
docker compose -p rss -f docker-compose.yml -f bench/compose-bench.yml "$@" up -d --force-recreate --no-deps $S > /dev/null 2>&1
t0=$(date +%s.%N)
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$M/actuator/health/readiness)" = 200 ]; do sleep 0.05; done
t1=$(date +%s.%N); p=$(docker inspect -f '{{.State.Pid}}' rss-$S-1)
c1=$(awk '{print $14+$15}' /proc/$p/stat); sleep 60; c2=$(awk '{print $14+$15}' /proc/$p/stat)
rss=$(awk '/^Rss/{print int($2/1024)}' /proc/$p/smaps_rollup)
aot=$(docker logs rss-$S-1 2>&1 | grep -c -i "unable to use AOT")
echo "$L $S ready_s=$(echo "$t1-$t0" | bc | cut -c1-5) cpu_at_ready_s=$(echo "$c1/100" | bc -l | cut -c1-5) cpu_next60s=$(echo "($c2-$c1)/100" | bc -l | cut -c1-5) rss60s_MB=$rss aot_refused=$aot"
