#!/bin/bash
# tl3.sh NAME [compose -f args]: fresh volumes; per container: s from `up` to healthy, its CPU s then (docker events)
N=$1; shift
cd /work/main
docker compose "$@" down -v -t 5 >/dev/null 2>&1
S=$(date +%s%N)
( docker events --filter type=container --filter event=health_status --format '{{.ID}} {{.Actor.Attributes.name}} {{.Status}}' | while read id name st; do
    [[ $st == *unhealthy* ]] && continue
    T=$(date +%s%N); U=$(cat /sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage)
    printf "  %6.1f s  cpu %5.1f s  %s\n" $(echo "($T-$S)/1000000000" | bc -l) $(echo "$U/1000000000" | bc -l) $name
  done ) > /tmp/st/$N.tl &
docker compose "$@" up -d --wait >/dev/null 2>&1
E=$(date +%s%N); sleep 0.5
pkill -f "docker events --filter type=container --filter event=health_status"
echo "$N up --wait $(echo "scale=1;($E-$S)/1000000000" | bc) s"; cat /tmp/st/$N.tl
