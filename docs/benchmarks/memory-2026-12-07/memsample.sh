#!/bin/bash
# memsample.sh OUT: every 10 s, each service's RSS split (smaps) and the JVM's own pools (prometheus)
OUT=$1; : > $OUT
while true; do
  for pair in user-service:9180 notification-service:9181 analytics-service:9182 sensor-service:9183; do
    s=${pair%%:*}; p=${pair##*:}
    C=$(docker ps -q --filter "name=$s" | head -1); [ -z "$C" ] && continue
    P=$(docker inspect -f '{{.State.Pid}}' $C 2>/dev/null); [ -z "$P" ] && continue
    R=$(awk '/VmRSS/{print int($2/1024)}' /proc/$P/status 2>/dev/null)
    SM=$(python3 /tmp/st/smap.py $P 2>/dev/null)
    TH=$(ls /proc/$P/task 2>/dev/null | wc -l)
    PM=$(curl -s -m 2 localhost:$p/actuator/prometheus | awk '
      /^jvm_memory_committed_bytes/ { if ($0 ~ /area="heap"/) h+=$NF; else if ($0 ~ /CodeHeap/) c+=$NF; else m+=$NF }
      /^jvm_buffer_memory_used_bytes.*id="direct"/ { d=$NF }
      /^jvm_memory_used_bytes.*area="heap"/ { hu+=$NF }
      END { printf "heapC=%d heapU=%d meta=%d code=%d direct=%d", h/1048576, hu/1048576, m/1048576, c/1048576, d/1048576 }')
    echo "$(date +%T) $s rss=$R $SM threads=$TH $PM" >> $OUT
  done
  sleep 10
done
