#!/bin/bash
# ten.sh, as run: Kafka of docker-compose.yml in project hist, fresh; analytics-service (C1 only, as shipped)
# started once on the empty topics to create them (broker auto-creation is off) and stopped; 10 million users
# written (HistoryWriter); then analytics-service started again, from its checkpoint of the empty topics, RSS
# sampled every second. Stopped by hand 258 s into that start (replay.txt): the two loops at the end never ran;
# ten-rest.sh did the restarts at rest instead.
cd /work/main
docker compose -p hist down -v >/dev/null 2>&1
docker compose -p hist up -d --wait kafka >/dev/null 2>&1
# analytics-service creates the topics (broker auto-creation is off): started once on the empty topics, then stopped
docker tag hist-analytics-service:c1 hist-analytics-service:latest
docker compose -p hist up -d --wait --no-deps analytics-service >/dev/null 2>&1; docker compose -p hist stop analytics-service >/dev/null 2>&1
cd /tmp/hist; s=$(date +%s.%N)
java -Xmx1g -cp ".:$(cat cp):/work/main/event-bus/target/classes" HistoryWriter 127.0.0.1:29092 10000000 2>&1 | grep events
echo "written in $(echo "$(date +%s.%N)-$s" | bc | cut -c1-6) s; log on the broker: $(docker exec hist-kafka-1 du -sh /var/lib/kafka/data 2>/dev/null | cut -f1)"
docker tag hist-analytics-service:c1 hist-analytics-service:latest
cd /work/main; docker compose -p hist start analytics-service >/dev/null 2>&1
t0=$(date +%s.%N); C=hist-analytics-service-1; peak=0
while ! curl -sf -o /dev/null localhost:9182/actuator/health/readiness; do
  pid=$(docker inspect -f '{{.State.Pid}}' $C 2>/dev/null); r=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status 2>/dev/null)
  [ -n "$r" ] && [ "$r" -gt "$peak" ] && peak=$r; sleep 1
  if [ $(echo "$(date +%s.%N)-$t0 > 900" | bc) = 1 ]; then echo timeout; break; fi
done
pid=$(docker inspect -f '{{.State.Pid}}' $C)
echo "c1 first start after the history, from the checkpoint of the empty topics: ready $(echo "$(date +%s.%N)-$t0" | bc | cut -c1-6) s after up (container creation included), peak RSS $peak MB, RSS at ready $(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) MB, totals $(curl -s localhost:8082/api/stats | jq -c '[.registrationsRequested,.usersCreated,.emailsSent,.emailsPending]')"
for tag in c1 c2 c1 c2 c1 c2; do /tmp/ab/switch.sh $tag; sleep 3; bash /tmp/ab/start.sh "10M-$tag-stop"; bash /tmp/ab/start.sh "10M-$tag-kill" kill; done
for tag in c1 c2 c1 c2; do /tmp/ab/switch.sh $tag; sleep 3; bash /tmp/ab/ab.sh "10M-$tag-live-kill" 12 kill; bash /tmp/ab/ab.sh "10M-$tag-live-stop"; done
