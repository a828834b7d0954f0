#!/bin/bash
# usage: measure.sh LABEL  (the stack is up; restarts the four services, waits healthy + 30 s, prints RSS and AOT mapping)
cd /work/main
L=$1; shift
docker compose -p rss -f docker-compose.yml "$@" up -d --wait --force-recreate user-service notification-service analytics-service sensor-service > /dev/null 2>&1
sleep 30
for s in user-service notification-service analytics-service sensor-service; do
  c=rss-$s-1; p=$(docker inspect -f '{{.State.Pid}}' $c)
  rss=$(awk '/^Rss/{print $2}' /proc/$p/smaps_rollup); pd=$(awk '/^Private_Dirty/{print $2}' /proc/$p/smaps_rollup)
  aot=$(awk '/app.aot/{f=1;next} /^[0-9a-f]+-/{f=0} f&&/^Rss/{s+=$2} f&&/^Private_Dirty/{d+=$2} END{print s"/"d}' /proc/$p/smaps)
  base=$(grep -m1 app.aot /proc/$p/maps | cut -d- -f1)
  st=$(docker logs $c 2>&1 | grep -o "Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)" | tail -1)
  echo "$L $s rssKB=$rss privDirtyKB=$pd aotRss/DirtyKB=$aot base=$base | $st"
done
