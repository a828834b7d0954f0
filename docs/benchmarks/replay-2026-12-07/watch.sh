#!/bin/bash
# watch.sh LABEL SECONDS: samples hist-analytics-service-1 every 5 s: records behind, RSS, heap (jcmd)
C=hist-analytics-service-1; J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd
t0=$(date +%s)
for i in $(seq 1 $(( $2 / 5 ))); do
  sleep 5
  pid=$(docker inspect -f '{{.State.Pid}}' $C)
  b=$(curl -s localhost:9182/actuator/health/readiness | jq -c '.components.stats.details.recordsBehind // .status')
  h=$($J $pid GC.heap_info 2>/dev/null | grep -E "def new|tenured" | sed -E 's/ +/ /g; s/,? ?\[0x.*//' | tr '\n' ';')
  echo "$1 t=$(( $(date +%s)-t0 )) behind=$b rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) $h"
done
