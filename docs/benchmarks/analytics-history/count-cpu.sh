#!/bin/bash
# cpu.sh JAR LABEL: from launch until 1M users counted; prints wall s and process CPU s
JAR=$1; LABEL=$2
docker exec scale-kafka /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic analytics.stats-checkpoints >/dev/null 2>&1
sleep 2
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092
start=$(date +%s.%N)
$J -Xmx128m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError -jar $JAR > /tmp/scale/$LABEL.log 2>&1 &
PID=$!
TCK=$(getconf CLK_TCK)
while kill -0 $PID 2>/dev/null; do
  c=$(curl -s localhost:8082/api/stats | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d["registrationsRequested"], d["usersCreated"], d["emailsSent"])' 2>/dev/null)
  if [ "$c" = "1000000 1000000 1000000" ]; then
    read ut st <<< $(awk '{print $14, $15}' /proc/$PID/stat)
    echo "$LABEL wall $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s, CPU $(echo "($ut + $st) / $TCK" | bc -l | cut -c1-5) s"
    break
  fi
  sleep 0.25
done
kill $PID; wait $PID 2>/dev/null
