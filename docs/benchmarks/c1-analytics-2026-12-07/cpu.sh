#!/bin/bash
# As run, after round-c1.sh, in the order c2, c1, c1, c2 (the same setup).
# cpu.sh TAG: analytics-service on image TAG, 1,000 users/s (3,000 events/s) for 300 s;
# its process's CPU over seconds 120-300 of the stream, RSS then, totals once caught up
C=hist-analytics-service-1; TAG=$1; TCK=$(getconf CLK_TCK)
/tmp/ab/switch.sh $TAG; sleep 5
before=$(curl -s localhost:8082/api/stats | jq '.usersCreated')
cd /tmp/hist; java -Xmx1g -cp ".:$(cat cp):/work/main/event-bus/target/classes" HistoryWriter 127.0.0.1:29092 300000 1000 2>&1 | grep events > /tmp/hist/cpu-w.log &
W=$!
pid=$(docker inspect -f '{{.State.Pid}}' $C)
cpu() { awk -v t=$TCK '{print ($14+$15)/t}' /proc/$pid/stat; }
sleep 120; c0=$(cpu); sleep 60; c1=$(cpu); sleep 60; c2=$(cpu); sleep 60; c3=$(cpu)
rss=$(grep VmRSS /proc/$pid/status | awk '{print $2/1024}')
wait $W; sleep 10
echo "$TAG CPU s per minute of 1,000 users/s, minutes 3-5: $(echo "$c1-$c0" | bc) $(echo "$c2-$c1" | bc) $(echo "$c3-$c2" | bc); so ms per user $(echo "($c3-$c0)/180" | bc -l | cut -c1-5); RSS $rss MB; writer: $(cat /tmp/hist/cpu-w.log); totals +$(( $(curl -s localhost:8082/api/stats | jq '.usersCreated') - before )) $(curl -s localhost:8082/api/stats | jq -c '[.registrationsRequested,.usersCreated,.emailsSent,.emailsPending]')"
