#!/bin/bash
V=$1
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd /tmp/sec
S=$(date +%s%N)
KAFKA_BOOTSTRAP_SERVERS=localhost:29092 DB_HOST=localhost DB_NAME=users DB_USER=user_service DB_PASSWORD=user-service-dev \
$J -Xmx128m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m --enable-native-access=ALL-UNNAMED -jar $V.jar > /tmp/sec/$V.start.log 2>&1 &
PID=$!
until curl -sf localhost:9180/actuator/health/readiness >/dev/null; do sleep 0.05; done
E=$(date +%s%N)
RSS=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
kill $PID; wait $PID 2>/dev/null
echo "$V ready_s=$(( (E-S)/1000000 ))ms rss_kb=$RSS $(grep -o 'Started UserServiceApplication in [0-9.]* seconds' /tmp/sec/$V.start.log)"
