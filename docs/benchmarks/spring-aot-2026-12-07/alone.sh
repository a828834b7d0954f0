#!/bin/bash
# alone.sh SERVICE PORT [compose -f args...]: recreate one service, time to healthy readiness, CPU at ready
SV=$1; PORT=$2; shift 2
cd /work/main
docker compose "$@" stop -t 10 $SV >/dev/null 2>&1; docker compose "$@" rm -f $SV >/dev/null 2>&1
S=$(date +%s%N)
docker compose "$@" up -d --no-deps $SV >/dev/null 2>&1
until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do sleep 0.02; done
E=$(date +%s%N)
C=$(docker compose "$@" ps -q $SV); PID=$(docker inspect -f '{{.State.Pid}}' $C)
U=$(cat /sys/fs/cgroup/cpuacct/docker/$C*/cpuacct.usage)
RSS=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
echo "$SV ready_ms=$(( (E-S)/1000000 )) cpu_s=$(echo "scale=2;$U/1000000000"|bc) rss_mb=$((RSS/1024)) $(docker logs $C 2>&1 | grep -o 'Started [A-Za-z]* in [0-9.]* seconds')"
python3 /tmp/st/cum.py $PID 2>/dev/null | head -8 | sed 's/^/    /'
