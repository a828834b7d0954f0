#!/bin/bash
while true; do
  C=$(docker ps -q --filter name=user-service | head -1)
  if [ -n "$C" ]; then P=$(docker inspect -f '{{.State.Pid}}' $C)
    { echo "=== $(date +%T) rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$P/status)"; /usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd $P VM.native_memory summary | grep -E "committed=" | grep -E "^-|Total" ; } >> /tmp/st/nmt-load3.txt 2>&1
  fi
  sleep 20
done
