#!/bin/bash
# rounds2.sh N: analytics- and sensor-service, fae541c's images (base-analytics, base-sensor) against the images as built
cd /work/main; A=docs/benchmarks/spring-aot-2026-12-07/alone.sh
for i in $(seq 1 $1); do for v in base train; do
  if [ $v = base ]; then F="-f docker-compose.yml -f /tmp/jfr/base2.yml"; else F=""; fi
  for s in "analytics-service 9182" "sensor-service 9183"; do
    echo "$v $(bash $A $s $F | head -4 | tr '\n' ' ' | sed 's/  */ /g')"
  done
done; done
