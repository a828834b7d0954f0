#!/bin/bash
# rounds.sh N BASE_OVERRIDE SERVICE:PORT...: N rounds, each starting every service alone with the
# images of fae541c (base: BASE_OVERRIDE names them, e.g. services: user-service: image: base-user)
# and then with the images as built now (train). alone.sh is ../spring-aot-2026-12-07/alone.sh.
# Here: rounds.sh 6 docs/benchmarks/training-run-2026-12-08/base.yml user-service:9180 notification-service:9181 (ready-6-rounds.txt),
#       rounds.sh 5 docs/benchmarks/training-run-2026-12-08/base2.yml analytics-service:9182 sensor-service:9183 (analytics-sensor-ready-5-rounds.txt).
N=$1; BASE=$2; shift 2
cd /work/main; A=docs/benchmarks/spring-aot-2026-12-07/alone.sh
for i in $(seq 1 $N); do for v in base train; do
  if [ $v = base ]; then F="-f docker-compose.yml -f $BASE"; else F=""; fi
  for s in "$@"; do
    echo "$v $(bash $A ${s%:*} ${s#*:} $F | head -4 | tr '\n' ' ' | sed 's/  */ /g')"
  done
done; done
