#!/bin/bash
# replay.sh TAG: analytics-service on TAG, restarted from the checkpoint of the empty topics
# (analytics.stats-checkpoints deleted and recreated empty is not needed: the run below resets nothing, it
# measures the rate) -- events read per second between 20 s and 50 s after start, from readiness's recordsBehind
C=hist-analytics-service-1; TAG=$1
behind() { curl -s localhost:9182/actuator/health/readiness | jq '.components.stats.details.recordsBehind // empty'; }
/tmp/ab/switch.sh $TAG >/dev/null 2>&1 &
sleep 20; b0=$(behind); t0=$(date +%s.%N); sleep 30; b1=$(behind); t1=$(date +%s.%N)
pid=$(docker inspect -f '{{.State.Pid}}' $C)
echo "$TAG behind $b0 -> $b1: $(echo "($b0-$b1)/($t1-$t0)" | bc) events/s; RSS $(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) MB"
