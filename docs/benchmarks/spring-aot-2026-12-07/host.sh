#!/bin/bash
# host.sh SERVICE MGMTPORT JAVA [extra jvm args]: the service's fat jar on the host, compose's Kafka/Postgres/GreenMail
SV=$1; MP=$2; J=$3; shift 3
cd /work/main
case $SV in
 user-service) ENVS="DB_NAME=users DB_USER=user_service DB_PASSWORD=user-service-dev USER_REGISTRATION_RATELIMIT_ENABLED=false";;
 notification-service) ENVS="DB_NAME=notifications DB_USER=notification_service DB_PASSWORD=notification-service-dev SMTP_HOST=localhost SMTP_PORT=3025";;
 *) ENVS="";;
esac
S=$(date +%s%N)
env KAFKA_BOOTSTRAP_SERVERS=localhost:29092 DB_HOST=localhost PORT=$((MP-1000)) MANAGEMENT_PORT=$MP $ENVS \
  $J -Xmx128m -XX:+UseSerialGC -XX:SurvivorRatio=2 -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError "$@" -jar $SV/target/$SV.jar > /tmp/st/host-$SV.log 2>&1 &
PID=$!
until curl -sf localhost:$MP/actuator/health/readiness >/dev/null; do sleep 0.02; kill -0 $PID 2>/dev/null || { echo "$SV died"; tail -5 /tmp/st/host-$SV.log; exit 1; }; done
E=$(date +%s%N)
CPU=$(awk '{print ($14+$15)/100}' /proc/$PID/stat); RSS=$(awk '/VmRSS/{print int($2/1024)}' /proc/$PID/status)
echo "$SV ready_ms=$(( (E-S)/1000000 )) cpu_s=$CPU rss_mb=$RSS $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' /tmp/st/host-$SV.log)"
kill $PID; wait $PID 2>/dev/null
