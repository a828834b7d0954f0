#!/bin/bash
# As run: /tmp/ab/ held ab.sh and start.sh (../analytics-restart-2026-12-07/), switch.sh
# (../analytics-restart-2026-12-07b/) and this; /tmp/hist/ the compiled ../analytics-history/HistoryWriter.java.
# Images: hist-analytics-service:c2 built from analytics-service/Dockerfile of baa0ebb, :c1 the same with
# -XX:TieredStopAtLevel=1 added to JAVA_TOOL_OPTIONS (before the AOT cache's training run).
# Kafka and analytics-service of docker-compose.yml in compose project "hist", 300,000 users written first.
# Rounds: for r in 1 2 3: c2 then c1 (odd r), c1 then c2 (even r).
# Setup as run: docker build -t hist-analytics-service:c2 analytics-service; the same with -f of the c1 Dockerfile;
# docker tag ...:c2 ...:latest; docker compose -p hist up -d --wait kafka analytics-service; then
# java -cp ".:$(cat cp):event-bus/target/classes" HistoryWriter 127.0.0.1:29092 300000 (as fast as it goes: 15 s).
# round-c1.sh TAG N: analytics-service on image TAG (c2: as shipped; c1: -XX:TieredStopAtLevel=1 before training):
# at rest 2 graceful + 1 kill -9 restarts (start.sh), RSS 30 s after the last; then docker stop and kill -9
# 12 s into 1,000 users/s (ab.sh)
C=hist-analytics-service-1
/tmp/ab/switch.sh $1
sleep 3
for i in 1 2; do bash /tmp/ab/start.sh "$1-r$2-stop$i"; done
bash /tmp/ab/start.sh "$1-r$2-kill1" kill
sleep 30
pid=$(docker inspect -f '{{.State.Pid}}' $C)
echo "$1-r$2 RSS 30 s after ready: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024}') MB"
bash /tmp/ab/ab.sh "$1-r$2-live-stop"
bash /tmp/ab/ab.sh "$1-r$2-live-kill" 12 kill
