#!/bin/bash
# live.sh LABEL [kill]: HistoryWriter streams 30,000 users at 1,000/s (3,000 events/s) onto the hist
# project's Kafka; 12 s in, docker stop (or kill -9) analytics-service, then docker start at once.
# Readiness is asked every 100 ms: seconds from docker start to UP, the records behind it first
# reported, RSS at ready; 20 s after ready (the stream has ended), the totals and RSS.
# (../analytics-restart-2026-12-07/ab.sh, with RSS added.)
C=hist-analytics-service-1; LABEL=$1; cd /tmp/hist
(java -Xmx1g -cp ".:$(cat cp):/work/main/event-bus/target/classes" HistoryWriter 127.0.0.1:29092 30000 1000 2>&1 | grep events > /tmp/hist/ab-w.log &)
sleep 12
t0=$(date +%s.%N); if [ "$2" = kill ]; then docker kill -s KILL $C >/dev/null; else docker stop $C >/dev/null; fi
t1=$(date +%s.%N); docker start $C >/dev/null
first=""
while true; do
  el=$(echo "$(date +%s.%N) - $t1" | bc)
  s=$(curl -s localhost:9182/actuator/health/readiness 2>/dev/null | jq -r '.status + " " + ((.components.stats.details.recordsBehind // "") | tostring)' 2>/dev/null)
  case "$s" in *[0-9]) [ -z "$first" ] && first="${s#* }";; esac
  case "$s" in UP*) break;; esac
  if [ $(echo "$el > 60" | bc) = 1 ]; then break; fi
  sleep 0.1
done
rss() { awk '/VmRSS/{print int($2/1024)}' /proc/$(docker inspect -f '{{.State.Pid}}' $C)/status; }
r0=$(rss); sleep 20
echo "$LABEL stop $(echo "$t1-$t0"|bc|cut -c1-5) s; start->ready $(echo $el|cut -c1-5) s; first recordsBehind $first; RSS at ready $r0 MB, 20 s later $(rss) MB; totals $(curl -s localhost:8082/api/stats | jq -c '[.registrationsRequested,.usersCreated,.emailsSent,.emailsPending]'); writer: $(cat /tmp/hist/ab-w.log)"
