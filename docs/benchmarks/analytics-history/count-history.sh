#!/bin/bash
# run.sh JAR LABEL: starts analytics, waits until /api/stats counts 1M users created (or exit / 240 s)
JAR=$1; LABEL=$2
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092
start=$(date +%s.%N)
$J -Xmx128m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError -jar $JAR > /tmp/scale/$LABEL.log 2>&1 &
PID=$!
ready=""; done=""
while kill -0 $PID 2>/dev/null; do
  now=$(date +%s.%N); el=$(echo "$now - $start" | bc)
  if [ -z "$ready" ] && curl -sf localhost:9182/actuator/health/readiness >/dev/null 2>&1; then ready=$el; echo "$LABEL ready at ${el}s"; fi
  c=$(curl -s localhost:8082/api/stats | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d["registrationsRequested"], d["usersCreated"], d["emailsSent"], d["emailsPending"], d["registrationToEmail"]["samples"])' 2>/dev/null)
  if [ -n "$c" ] && [ -z "$done" ] && [ "$(echo $c | cut -d' ' -f2)" = "1000000" ] && [ "$(echo $c | cut -d' ' -f3)" = "1000000" ] && [ "$(echo $c | cut -d' ' -f1)" = "1000000" ]; then done=$el; echo "$LABEL all 1M counted at ${el}s: $c"; fi
  if [ -n "$done" ] && [ -n "$ready" ]; then break; fi
  if [ $(echo "$el > 300" | bc) = 1 ]; then echo "$LABEL timeout at ${el}s: $c"; break; fi
  sleep 0.5
done
if kill -0 $PID 2>/dev/null; then
  echo "$LABEL last: $c; RSS peak $(grep VmHWM /proc/$PID/status)"
  /usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd $PID GC.heap_info 2>/dev/null | head -3
  /usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd $PID GC.run >/dev/null 2>&1; sleep 1
  /usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd $PID GC.heap_info 2>/dev/null | grep -i "tenured|the space" | head -2
  kill $PID; wait $PID
else
  wait $PID; echo "$LABEL process exited rc=$? at $(echo "$(date +%s.%N) - $start" | bc)s; last: $c"
fi
