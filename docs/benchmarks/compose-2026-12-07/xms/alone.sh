#!/bin/bash
# alone.sh VARIANT SERVICE MGMT_PORT: recreate one service with /tmp/xms/VARIANT.yml; ready ms, CPU s, RSS at ready and 30 s after, GCs
V=$1; SV=$2; PORT=$3; F="-p rss -f docker-compose.yml -f /tmp/xms/$V.yml"
cd /work/main
docker compose $F stop -t 10 $SV >/dev/null 2>&1; docker compose $F rm -f $SV >/dev/null 2>&1
S=$(date +%s%N)
docker compose $F up -d --no-deps $SV >/dev/null 2>&1
until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do sleep 0.02; done
E=$(date +%s%N)
C=$(docker compose $F ps -q $SV); PID=$(docker inspect -f '{{.State.Pid}}' $C)
U=$(cat /sys/fs/cgroup/cpuacct/docker/$C*/cpuacct.usage)
R0=$(awk '/VmRSS/{print int($2/1024)}' /proc/$PID/status)
G0=$(/usr/lib/jvm/temurin-25-jdk-amd64/bin/jstat -gc $PID | tail -1 | awk '{print $13"+"$15}')
sleep 30
R1=$(awk '/VmRSS/{print int($2/1024)}' /proc/$PID/status)
H=$(/usr/lib/jvm/temurin-25-jdk-amd64/bin/jstat -gc $PID | tail -1 | awk '{printf "%d", ($1+$2+$5+$7)/1024}')
echo "$V $SV ready_ms=$(( (E-S)/1000000 )) cpu_s=$(echo "scale=2;$U/1000000000"|bc) rss_ready=$R0 rss_30s=$R1 heap_committed_30s=${H}MB gcs_at_ready(young+full)=$G0"
docker compose $F stop -t 10 $SV >/dev/null 2>&1
