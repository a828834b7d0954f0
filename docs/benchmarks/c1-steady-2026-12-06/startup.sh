#!/bin/bash
# usage: startup.sh NAME [extra jvm args...]
# In a directory holding us/: user-service's jar extracted (java -Djarmode=tools -jar
# user-service.jar extract --destination us) and its AOT cache us/app.aot, trained as its
# Dockerfile trains it; compose's kafka and postgres up (docker compose up -d kafka postgres).
N=$1; shift
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export JAVA_TOOL_OPTIONS="-Xmx128m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError"
S=$(date +%s%N)
KAFKA_BOOTSTRAP_SERVERS=localhost:29092 DB_HOST=localhost DB_NAME=users DB_USER=user_service DB_PASSWORD=user-service-dev USER_REGISTRATION_RATELIMIT_ENABLED=false \
$J -XX:AOTCache=us/app.aot --enable-native-access=ALL-UNNAMED "$@" -jar us/user-service.jar > $N.log 2>&1 &
PID=$!
until curl -sf localhost:9180/actuator/health/readiness >/dev/null; do sleep 0.02; done
E=$(date +%s%N)
RSS=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
echo "$N start_epoch_ms=$((S/1000000)) ready_ms=$(( (E-S)/1000000 )) rss_kb=$RSS $(grep -o 'Started UserServiceApplication in [0-9.]* seconds' $N.log)"
kill $PID; wait $PID 2>/dev/null
