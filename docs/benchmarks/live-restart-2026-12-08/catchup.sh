#!/bin/bash
# catchup.sh LABEL: docker start analytics-service; every 5 s records behind and RSS until readiness UP; then totals
C=hist-analytics-service-1; t0=$(date +%s.%N); docker start $C >/dev/null; max=0
while true; do
  sleep 5; pid=$(docker inspect -f '{{.State.Pid}}' $C)
  rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status); [ "$rss" -gt "$max" ] && max=$rss
  s=$(curl -s localhost:9182/actuator/health/readiness | jq -r '.status + " " + ((.components.stats.details.recordsBehind // "") | tostring)')
  echo "$1 t=$(echo "$(date +%s.%N)-$t0" | bc | cut -d. -f1) $s rss=$rss"
  case "$s" in UP*) break;; esac
done
echo "$1 ready after $(echo "$(date +%s.%N)-$t0" | bc | cut -c1-6) s; max RSS $max MB; totals $(curl -s localhost:8082/api/stats | jq -c '[.registrationsRequested,.usersCreated,.emailsSent,.emailsPending]')"
