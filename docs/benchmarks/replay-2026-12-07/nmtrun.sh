#!/bin/bash
# nmtrun.sh LABEL "JVM options": analytics-service (image :fast) with Native Memory Tracking onto the backlog; after 40 s
# its RSS and NMT's committed memory by category (MB), then stopped.
cd /work/main; L=$1; O=$2
printf 'services:\n  analytics-service:\n    environment:\n      JDK_JAVA_OPTIONS: "%s"\n' "-XX:NativeMemoryTracking=summary $O" > /tmp/r19/nmt-o.yml
docker tag hist-analytics-service:fast hist-analytics-service:latest
docker compose -p hist -f docker-compose.yml -f /tmp/r19/nmt-o.yml up -d --force-recreate --no-deps analytics-service >/dev/null 2>&1
sleep 40
pid=$(docker inspect -f '{{.State.Pid}}' hist-analytics-service-1)
echo "$L: behind $(curl -s localhost:9182/actuator/health/readiness | jq -c '.components.stats.details.recordsBehind'), RSS $(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) MB; NMT committed (MB): $(/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd $pid VM.native_memory summary scale=MB | grep -E '^-|^Total' | sed -E 's/^- *//; s/ *\(reserved=[0-9]+MB, committed=([0-9]+)MB.*/ \1/; s/Total: reserved=[0-9]+MB, committed=([0-9]+)MB.*/Total \1/' | tr '\n' ',' )"
docker stop hist-analytics-service-1 >/dev/null
