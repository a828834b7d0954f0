#!/bin/bash
# usage: sload.sh LABEL WARM_S MEASURED_S [-f extra.yml]: fresh sensor-service, WARM_S seconds of 1,200 readings/s,
# then the CPU s it took (printed as cpu60s, whatever MEASURED_S) and its RSS over MEASURED_S more of it.
# The runs: sload.sh default 60 60 / sload.sh c1 60 60 -f c1.yml, and the long pair with 180 180.
cd /work/main; L=$1; W=$2; M=$3; shift 3
docker compose -p rss -f docker-compose.yml -f bench/compose-bench.yml "$@" up -d --force-recreate --no-deps sensor-service > /dev/null 2>&1
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9183/actuator/health/readiness)" = 200 ]; do sleep 0.05; done
w=$(python3 /tmp/rss/readings.py $W 40)
p=$(docker inspect -f '{{.State.Pid}}' rss-sensor-service-1); c1=$(awk '{print $14+$15}' /proc/$p/stat)
m=$(python3 /tmp/rss/readings.py $M 40)
c2=$(awk '{print $14+$15}' /proc/$p/stat)
echo "$L warm=$w measured=$m cpu60s=$(echo "($c2-$c1)/100" | bc -l | cut -c1-5) rss_MB=$(awk '/^Rss/{print int($2/1024)}' /proc/$p/smaps_rollup)"
