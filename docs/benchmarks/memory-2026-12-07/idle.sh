#!/bin/bash
# idle.sh SERVICE PORT [compose args]: recreate alone, RSS at ready, 30 s later, and CPU used in those 30 s
SV=$1; PORT=$2; shift 2
cd /work/main
L=$(/tmp/st/alone.sh $SV $PORT "$@" | head -1)
C=$(docker compose "$@" ps -q $SV); P=$(docker inspect -f '{{.State.Pid}}' $C)
U0=$(cat /sys/fs/cgroup/cpuacct/docker/$C*/cpuacct.usage); sleep 30
U1=$(cat /sys/fs/cgroup/cpuacct/docker/$C*/cpuacct.usage)
echo "$L rss_30s=$(( $(awk '/VmRSS/{print $2}' /proc/$P/status)/1024 )) cpu_30s=$(echo "scale=2;($U1-$U0)/1000000000"|bc)"
