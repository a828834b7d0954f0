#!/bin/bash
# knob.sh LABEL "JVM options": hist's analytics-service (image :ship) recreated with JDK_JAVA_OPTIONS set to the options,
# at rest (nothing arriving); seconds from recreate to ready, RSS at ready and 30 s later, heap committed then (jcmd).
cd /work/main; L=$1; O=$2; C=hist-analytics-service-1; J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd
printf 'services:\n  analytics-service:\n    environment:\n      JDK_JAVA_OPTIONS: "%s"\n' "$O" > /tmp/r19/knob.yml
docker tag hist-analytics-service:ship hist-analytics-service:latest
t0=$(date +%s.%N)
docker compose -p hist -f docker-compose.yml -f /tmp/r19/knob.yml up -d --force-recreate --no-deps analytics-service >/dev/null 2>&1
until curl -sf -o /dev/null localhost:9182/actuator/health/readiness; do sleep 0.1; done
el=$(echo "$(date +%s.%N)-$t0" | bc | cut -c1-5); pid=$(docker inspect -f '{{.State.Pid}}' $C)
r0=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status); sleep 30
r1=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status)
h=$($J $pid GC.heap_info 2>/dev/null | grep -E "def new|tenured" | sed -E 's/ +/ /g; s/,? ?\[0x.*//' | tr '\n' ';')
echo "$L: ready ${el} s (recreate included); RSS at ready $r0 MB, 30 s later $r1 MB; $h totals $(curl -s localhost:8082/api/stats | jq -c '[.registrationsRequested,.usersCreated,.emailsSent]')"
