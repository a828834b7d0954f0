#!/bin/bash
# idle.sh NAME [extra compose file] -- the stack idle for 60 s: CPU seconds per container (cgroup)
NAME=$1; EXTRA=${2:+-f $2}
cd /work/main
docker compose -p idle -f docker-compose.yml $EXTRA up --build --wait --wait-timeout 300 -d > /tmp/bench/$NAME.up 2>&1 || { echo up failed; exit 1; }
sleep ${SETTLE:-30}
read_all() { for c in $(docker compose -p idle ps -q); do n=$(docker inspect -f '{{.Name}}' $c); f=$(find /sys/fs/cgroup/cpuacct -maxdepth 3 -type d -name "*$c*" | head -1); echo "$n $(cat $f/cpuacct.usage)"; done; }
read_all > /tmp/bench/$NAME.t0; sleep 60; read_all > /tmp/bench/$NAME.t1
join /tmp/bench/$NAME.t0 /tmp/bench/$NAME.t1 | awk '{d=($3-$2)/1e9; s+=d; printf "%s %.2f s CPU in 60 s (%.1f %% of one core)\n", $1, d, d/0.6} END {printf "all %.2f s (%.1f %%)\n", s, s/0.6}'
docker compose -p idle -f docker-compose.yml $EXTRA down -v > /dev/null 2>&1
