#!/bin/bash
# As run; /tmp/ab/ held ab.sh (../analytics-restart-2026-12-07/) and switch.sh (here).
# round3.sh TAG N: 3 graceful restarts at rest; RSS and heap 30 s after the last; under 1,000 users/s one kill -9 restart, then one docker stop
/tmp/ab/switch.sh $1; sleep 3
for i in 1 2 3; do bash /work/main/docs/benchmarks/analytics-restart-2026-12-07/start.sh "$1-r$2-stop$i"; done
sleep 30
pid=$(docker inspect -f '{{.State.Pid}}' hist-analytics-service-1)
echo "$1-r$2 30 s after ready: rss $(grep VmRSS /proc/$pid/status | awk '{print $2/1024}') MB; heap $(/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd $pid GC.heap_info 2>/dev/null | grep -E 'total' | head -2 | tr -s ' ' | tr '\n' ';')"
/tmp/ab/ab.sh "$1-r$2-kill" 12 kill
/tmp/ab/ab.sh "$1-r$2-stop-live" 12
