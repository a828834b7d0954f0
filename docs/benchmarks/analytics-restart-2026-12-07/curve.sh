#!/bin/bash
C=hist-analytics-service-1; LABEL=$1
if [ "$2" = kill ]; then docker kill -s KILL $C >/dev/null 2>&1; else docker stop $C >/dev/null 2>&1; fi
sleep 1
t0=$(date +%s.%N); docker start $C >/dev/null
while true; do
  el=$(echo "$(date +%s.%N) - $t0" | bc)
  r=$(curl -s localhost:9182/actuator/health/readiness 2>/dev/null)
  s=$(echo "$r" | jq -r '.status + " " + ((.components.stats.details.recordsBehind // "") | tostring) + " " + (.components.readinessState.status // "")' 2>/dev/null)
  echo "$el $s"
  case "$s" in UP*) break;; esac
  if [ $(echo "$el > 60" | bc) = 1 ]; then break; fi
  sleep 0.1
done
