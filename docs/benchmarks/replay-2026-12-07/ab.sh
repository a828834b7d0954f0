#!/bin/bash
# ab.sh TAG [LABEL "JVM options"]: hist's analytics-service recreated on image hist-analytics-service:TAG (GC log on), onto what is left of
# the backlog; records behind and RSS every 5 s for 60 s; events read per second between the samples nearest 20 s
# and 60 s after the recreation began; the GC log's young and full collections over the run.
cd /work/main; IMG=$1; T=${2:-$1}; O=$3
printf 'services:\n  analytics-service:\n    environment:\n      JDK_JAVA_OPTIONS: "%s"\n' "-Xlog:gc:file=/tmp/gc.log $O" > /tmp/r19/gclog.yml
docker tag hist-analytics-service:$IMG hist-analytics-service:latest
docker compose -p hist -f docker-compose.yml -f /tmp/r19/gclog.yml up -d --force-recreate --no-deps analytics-service >/dev/null 2>&1
/tmp/r19/watch.sh $T 60 > /tmp/r19/w-$T.txt
docker exec hist-analytics-service-1 cat /tmp/gc.log > /tmp/r19/gc-$T.log; docker stop hist-analytics-service-1 >/dev/null
python3 - "$T" <<'P'
import re,sys
T=sys.argv[1]
rows=[(int(m.group(1)),int(m.group(2)),int(m.group(3))) for m in (re.search(r't=(\d+) behind=(\d+) rss=(\d+)',l) for l in open(f'/tmp/r19/w-{T}.txt')) if m]
a=min(rows,key=lambda r:abs(r[0]-20)); b=min(rows,key=lambda r:abs(r[0]-60))
gc=open(f'/tmp/r19/gc-{T}.log').read()
young=len(re.findall('Pause Young',gc)); full=len(re.findall('Pause Full',gc))
print(f"{T}: {(a[1]-b[1])/(b[0]-a[0]):.0f} events/s (t={a[0]}..{b[0]} s, behind {a[1]}->{b[1]}); RSS max {max(r[2] for r in rows)} MB, at 60 s {b[2]} MB; GC young {young}, full {full} in {b[0]} s")
P
