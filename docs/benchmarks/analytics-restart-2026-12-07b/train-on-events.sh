#!/bin/bash
# The experiment "an AOT cache trained on reading events" (docs/benchmarks.md, 2026-12-07
# afternoon), as run: analytics-service's image started with no checkpoint against the hist
# project's Kafka (1 million users on the topics), so that it reads all of them, then stopped;
# the JVM writes its cache at the exit. Then an image with that cache instead of the build's.
docker stop hist-analytics-service-1
docker exec hist-kafka-1 /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic analytics.stats-checkpoints
mkdir -p /tmp/aottrain && chmod 777 /tmp/aottrain
docker run -d --name aot-train --network hist_default -e KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
  -p 127.0.0.1:18282:9182 -v /tmp/aottrain:/out --entrypoint java hist-analytics-service:new \
  -XX:AOTCacheOutput=/out/app.aot -Xlog:aot*=error --enable-native-access=ALL-UNNAMED -jar /app/app.jar
until curl -sf -o /dev/null localhost:18282/actuator/health/readiness; do sleep 1; done   # 32 s
docker stop -t 180 aot-train && docker rm aot-train   # 11 s, the cache assembled: 113 MB (the build's: 86 MB)
# Both images with the options of 5b68ae2 (-Xms32m), from the same jars as the training:
O='-Xms32m -Xmx128m -XX:+UseSerialGC -XX:SurvivorRatio=2 -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000 -Dspring.aot.enabled=true'
cd /tmp/aottrain
printf "FROM hist-analytics-service:new\nENV JAVA_TOOL_OPTIONS=\"$O\"\n" > Dockerfile.newx
printf "FROM hist-analytics-service:new\nENV JAVA_TOOL_OPTIONS=\"$O\"\nCOPY --chown=10001 app.aot /app/app.aot\n" > Dockerfile.trained2
docker build -q -f Dockerfile.newx -t hist-analytics-service:newx .
docker build -q -f Dockerfile.trained2 -t hist-analytics-service:trained2 .
# then: for r in 1 2 3; do round3.sh newx $r; round3.sh trained2 $r; done > trained.txt
