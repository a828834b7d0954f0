#!/bin/bash
# start.sh LABEL [kill]: (kill -9 or stop) then start hist-analytics-service-1; times start->ready, and the totals at ready
C=hist-analytics-service-1; LABEL=$1
if [ "$2" = kill ]; then docker kill -s KILL $C >/dev/null 2>&1; else docker stop $C >/dev/null 2>&1; fi
sleep 1
t0=$(date +%s.%N); docker start $C >/dev/null
ready=""
while true; do
  el=$(echo "$(date +%s.%N) - $t0" | bc)
  if curl -sf -o /dev/null localhost:9182/actuator/health/readiness; then ready=$el; break; fi
  if [ $(echo "$el > 400" | bc) = 1 ]; then echo "$LABEL timeout"; break; fi
  sleep 0.05
done
c=$(curl -s localhost:8082/api/stats | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d["registrationsRequested"], d["usersCreated"], d["emailsSent"], d["emailsPending"])')
pid=$(docker inspect -f '{{.State.Pid}}' $C)
echo "$LABEL ready ${ready}s totals: $c rss $(grep VmRSS /proc/$pid/status | awk '{print $2/1024}') MB; $(docker logs --since ${ready%.*}s $C 2>&1 | grep -o 'Started .* seconds (process running for [0-9.]*)' | tail -1)"
