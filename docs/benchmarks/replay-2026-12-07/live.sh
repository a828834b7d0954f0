#!/bin/bash
# live.sh LABEL "JVM options": analytics-service (image :fast) recreated with the options and a GC log, left to catch
# up with whatever backlog is there; then HistoryWriter streams 1,000 users/s (3,000 events/s) for 180 s. Reports the
# process's CPU per user over the stream's last 120 s, its RSS at the end, and the GC log over the stream.
cd /work/main; L=$1; O=$2; C=hist-analytics-service-1
printf 'services:\n  analytics-service:\n    environment:\n      JDK_JAVA_OPTIONS: "%s"\n' "-Xlog:gc:file=/tmp/gc.log $O" > /tmp/r19/live-o.yml
docker tag hist-analytics-service:fast hist-analytics-service:latest
docker compose -p hist -f docker-compose.yml -f /tmp/r19/live-o.yml up -d --force-recreate --no-deps analytics-service >/dev/null 2>&1
until curl -sf -o /dev/null localhost:9182/actuator/health/readiness; do sleep 2; done
pid=$(docker inspect -f '{{.State.Pid}}' $C); tk=$(getconf CLK_TCK)
cpu() { awk -v tk=$tk '{print ($14+$15)/tk}' /proc/$pid/stat; }
gc0=$(docker exec $C cat /tmp/gc.log | wc -l)
(cd /tmp/hist && java -Xmx512m -cp ".:$(cat cp):/work/main/event-bus/target/classes" HistoryWriter 127.0.0.1:29092 180000 1000 > /tmp/r19/live-w.log 2>&1) &
w=$!; sleep 60; c0=$(cpu); sleep 120; c1=$(cpu); wait $w
docker exec $C cat /tmp/gc.log | tail -n +$((gc0+1)) > /tmp/r19/gc-live-$L.log
echo "$L: CPU per user $(echo "($c1-$c0)*1000/120000" | bc -l | cut -c1-5) ms; RSS $(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) MB; over the stream: young $(grep -c 'Pause Young' /tmp/r19/gc-live-$L.log), full $(grep -c 'Pause Full' /tmp/r19/gc-live-$L.log) ($(grep 'Pause Full' /tmp/r19/gc-live-$L.log | grep -o '[0-9]*M->[0-9]*M([0-9]*M)' | tr '\n' ' ')); last: $(tail -1 /tmp/r19/gc-live-$L.log | grep -o '[0-9]*M->[0-9]*M([0-9]*M).*'); totals $(curl -s localhost:8082/api/stats | jq -c '[.registrationsRequested,.usersCreated,.emailsSent]')"
