#!/bin/bash
# machine-wide CPU (s) over N docker execs of the health check, minus the same idle window
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
N=${1:-40}
a=$(busy); sleep 8; b=$(busy); idle=$((b-a))
a=$(busy); s=$(date +%s%N)
for i in $(seq $N); do docker exec main-kafka-1 bash /opt/suite-health/answers-requests.sh; done
b=$(busy); e=$(date +%s%N)
el=$(( (e-s)/1000000 ))
echo "execs=$N elapsed_ms=$el busy_jiffies=$((b-a)) idle_rate_per8s=$idle per_exec_ms=$(echo "scale=1;(($b-$a) - $idle*$el/8000)*10/$N" | bc)"
