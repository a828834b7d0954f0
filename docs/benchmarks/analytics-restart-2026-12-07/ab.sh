#!/bin/bash
# ab.sh LABEL [DELAY] [kill]: a live stream of 1,000 users/s; DELAY (12) s in, docker stop (or kill -9), then docker start at once; readiness every 100 ms
C=hist-analytics-service-1; LABEL=$1; cd /tmp/hist
(java -Xmx1g -cp ".:$(cat cp):/work/main/event-bus/target/classes" HistoryWriter 127.0.0.1:29092 30000 1000 2>&1 | grep events > /tmp/hist/ab-w.log &)
sleep ${2:-12}
t0=$(date +%s.%N); if [ "$3" = kill ]; then docker kill -s KILL $C >/dev/null; else docker stop $C >/dev/null; fi; t1=$(date +%s.%N); docker start $C >/dev/null
first=""
while true; do
  el=$(echo "$(date +%s.%N) - $t1" | bc)
  s=$(curl -s localhost:9182/actuator/health/readiness 2>/dev/null | jq -r '.status + " " + ((.components.stats.details.recordsBehind // "") | tostring)' 2>/dev/null)
  case "$s" in *[0-9]) [ -z "$first" ] && first="${s#* }";; esac
  case "$s" in UP*) break;; esac
  if [ $(echo "$el > 60" | bc) = 1 ]; then break; fi
  sleep 0.1
done
sleep 20
echo "$LABEL stop $(echo "$t1-$t0"|bc|cut -c1-5) s; start->ready $(echo $el|cut -c1-5) s; first recordsBehind $first; totals $(curl -s localhost:8082/api/stats | jq -c '[.registrationsRequested,.usersCreated,.emailsSent,.emailsPending]')"
