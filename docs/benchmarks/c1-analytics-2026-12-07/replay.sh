#!/bin/bash
# replay.sh TAG: analytics-service recreated on image TAG (switch.sh, in the background); each run starts from the
# checkpoint the run before it left, onto what is left of the 10 million users' backlog. Events read per second
# from readiness's recordsBehind, between 20 s and 50 s after switch.sh was started (not the container's start).
C=hist-analytics-service-1; TAG=$1
behind() { curl -s localhost:9182/actuator/health/readiness | jq '.components.stats.details.recordsBehind // empty'; }
/tmp/ab/switch.sh $TAG >/dev/null 2>&1 &
sleep 20; b0=$(behind); t0=$(date +%s.%N); sleep 30; b1=$(behind); t1=$(date +%s.%N)
pid=$(docker inspect -f '{{.State.Pid}}' $C)
echo "$TAG behind $b0 -> $b1: $(echo "($b0-$b1)/($t1-$t0)" | bc) events/s; RSS $(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) MB"
