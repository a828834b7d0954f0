#!/bin/bash
# As run; /tmp/ab/ held ab.sh (../analytics-restart-2026-12-07/) and switch.sh (here).
# round.sh TAG N: at rest, 3 graceful restarts + 2 kill -9 restarts; then console latency
/tmp/ab/switch.sh $1
sleep 3
for i in 1 2 3; do bash /work/main/docs/benchmarks/analytics-restart-2026-12-07/start.sh "$1-r$2-stop$i"; done
for i in 1 2; do bash /work/main/docs/benchmarks/analytics-restart-2026-12-07/start.sh "$1-r$2-kill$i" kill; done
sleep 2
echo "$1-r$2 console list (1 dead letter), s: $(for i in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total} ' -u admin:admin localhost:8082/api/dead-letters/email.sent; done)"
