#!/bin/bash
# usage: sload.sh LABEL WARM_S MEASURED_S [-f extra.yml]: fresh sensor-service; launch->ready; WARM_S s of 1,200 readings/s;
# then CPU s and RSS over MEASURED_S s more of it, and the pipeline's consumer lag right after the load
cd "$(dirname "$0")/../../.." || exit 1; L=$1; W=$2; M=$3; shift 3
docker compose -p rss -f docker-compose.yml -f bench/compose-bench.yml "$@" up -d --force-recreate --no-deps sensor-service > /dev/null 2>&1
t0=$(date +%s.%N)
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9183/actuator/health/readiness)" = 200 ]; do sleep 0.05; done
t1=$(date +%s.%N)
w=$(python3 docs/benchmarks/c1-sensor-2026-12-07/readings.py $W 40)
p=$(docker inspect -f '{{.State.Pid}}' rss-sensor-service-1); c1=$(awk '{print $14+$15}' /proc/$p/stat)
m=$(python3 docs/benchmarks/c1-sensor-2026-12-07/readings.py $M 40)
c2=$(awk '{print $14+$15}' /proc/$p/stat)
lag=$(docker exec rss-kafka-1 /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group sensor-pipeline 2>/dev/null | awk 'NR>1 && $6 ~ /^[0-9]+$/ {s+=$6} END {print s+0}')
aot=$(docker logs rss-sensor-service-1 2>&1 | grep -c -i "unable to use AOT")
echo "$L ready_s=$(echo "$t1-$t0" | bc | cut -c1-5) warm=$w measured=$m cpu_s=$(echo "($c2-$c1)/100" | bc -l | cut -c1-5) over_s=$M rss_MB=$(awk '/^Rss/{print int($2/1024)}' /proc/$p/smaps_rollup) lag_after=$lag aot_refused=$aot"
