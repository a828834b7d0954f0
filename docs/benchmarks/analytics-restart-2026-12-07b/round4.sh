#!/bin/bash
# As run; /tmp/ab/ held ab.sh (../analytics-restart-2026-12-07/) and switch.sh (here).
# round4.sh TAG N: 3 graceful restarts at rest, with the collections the start made; RSS and heap 30 s after the last
/tmp/ab/switch.sh $1; sleep 3
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
for i in 1 2 3; do
  bash /work/main/docs/benchmarks/analytics-restart-2026-12-07/start.sh "$1-r$2-stop$i"
  pid=$(docker inspect -f '{{.State.Pid}}' hist-analytics-service-1)
  echo "   collections at ready (young, full, seconds): $($J/jstat -gc $pid 2>/dev/null | tail -1 | awk '{print $(NF-6), $(NF-4), $NF}')"
done
sleep 30
pid=$(docker inspect -f '{{.State.Pid}}' hist-analytics-service-1)
echo "$1-r$2 30 s after ready: rss $(grep VmRSS /proc/$pid/status | awk '{print $2/1024}') MB; heap $($J/jcmd $pid GC.heap_info 2>/dev/null | grep -E 'total' | head -2 | tr -s ' ' | cut -d'[' -f1 | tr '\n' ';')"
