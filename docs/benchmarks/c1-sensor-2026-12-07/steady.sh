#!/bin/bash
# usage: steady.sh SERVICE LABEL: CPU s over 60 s and RSS, of the running container
p=$(docker inspect -f '{{.State.Pid}}' rss-$1-1); c1=$(awk '{print $14+$15}' /proc/$p/stat); sleep 60; c2=$(awk '{print $14+$15}' /proc/$p/stat)
echo "$2 $1 steady_cpu60s=$(echo "($c2-$c1)/100" | bc -l | cut -c1-5) rss_MB=$(awk '/^Rss/{print int($2/1024)}' /proc/$p/smaps_rollup) up_since=$(docker inspect -f '{{.State.StartedAt}}' rss-$1-1 | cut -c12-19)"
