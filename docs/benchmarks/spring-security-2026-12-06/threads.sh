#!/bin/bash
V=$1
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd /tmp/sec
KAFKA_BOOTSTRAP_SERVERS=localhost:29092 DB_HOST=localhost DB_NAME=users DB_USER=user_service DB_PASSWORD=user-service-dev \
USER_REGISTRATION_RATELIMIT_ENABLED=false \
$J -Xmx128m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m --enable-native-access=ALL-UNNAMED -jar $V.jar > /tmp/sec/$V.log 2>&1 &
PID=$!
for i in $(seq 1 120); do curl -sf localhost:9180/actuator/health/readiness >/dev/null && break; sleep 1; done
URL=http://localhost:8080/api/users/80b58622-4d54-4774-9a81-15640e1e2ffe
wrk -t2 -c16 -d${WARM:-60}s "$URL" > /dev/null
snap() { for t in /proc/$PID/task/*; do echo "$(cat $t/comm)|$(awk '{print $14+$15}' $t/stat)"; done; }
snap > /tmp/sec/$V.t0
OUT=$(wrk -t2 -c16 -d20s "$URL")
snap > /tmp/sec/$V.t1
REQ=$(echo "$OUT" | awk '/requests in/{print $1}')
kill $PID; wait $PID 2>/dev/null
python3 - $V $REQ <<'PY'
import sys,re,collections
v,req=sys.argv[1],int(sys.argv[2])
def load(f):
    d=collections.Counter()
    for line in open(f):
        name,t=line.rstrip('\n').rsplit('|',1)
        d[re.sub(r'[-#]?\d+$','',name)]+=int(t)
    return d
a,b=load('/tmp/sec/%s.t0'%v),load('/tmp/sec/%s.t1'%v)
tot=sum(b.values())-sum(a.values())
print(v,'req',req,'cpu_us/req %.0f'%(tot*10000/req))
for k in sorted(b,key=lambda k:-(b[k]-a[k]))[:8]:
    print('   %-25s %.0f us/req'%(k,(b[k]-a[k])*10000/req))
PY
