#!/bin/bash
# rounds.sh N, rss30.sh N: base = the images of fae541c (the CI run before this session), tagged base-user and
# base-notification and named in /tmp/jfr/base.yml (services: user-service: image: base-user, ...);
# train = the images as built now. alone.sh is ../spring-aot-2026-12-07/alone.sh.
# rounds.sh N: alternate the images of fae541c (base) and the started training run (train)
cd /work/main; A=docs/benchmarks/spring-aot-2026-12-07/alone.sh
for i in $(seq 1 $1); do for v in base train; do
  if [ $v = base ]; then F="-f docker-compose.yml -f /tmp/jfr/base.yml"; else F=""; fi
  for s in "user-service 9180" "notification-service 9181"; do
    echo "$v $(bash $A $s $F | head -4 | tr '\n' ' ' | sed 's/  */ /g')"
  done
done; done
