#!/bin/bash
# usage: threads.sh LABEL [-f extra.yml]: recreates user-service, at readiness prints CPU s per thread group
cd "$(dirname "$0")/../../.." || exit 1; L=$1; shift
docker compose -p rss -f docker-compose.yml -f bench/compose-bench.yml "$@" up -d --force-recreate --no-deps user-service > /dev/null 2>&1
t0=$(date +%s.%N)
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9180/actuator/health/readiness)" = 200 ]; do sleep 0.05; done
t1=$(date +%s.%N)
p=$(docker inspect -f '{{.State.Pid}}' rss-user-service-1)
echo "$L ready_s=$(echo "$t1-$t0" | bc | cut -c1-5) $(for t in /proc/$p/task/*; do echo "$(sed -E 's/[0-9]+/N/g' $t/comm)|$(awk '{print $14+$15}' $t/stat)"; done | awk -F'|' '{s[$1]+=$2; tot+=$2} END {printf "total=%.2f ", tot/100; for (k in s) if (s[k]>=10) printf "[%s]=%.2f ", k, s[k]/100}')"
