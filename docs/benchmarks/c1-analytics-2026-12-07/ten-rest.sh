#!/bin/bash
# ten-rest.sh: after replay.sh, drain what is left on c2, then restarts at rest with 10 million users, alternated
/tmp/ab/switch.sh c2
until curl -sf -o /dev/null localhost:9182/actuator/health/readiness; do sleep 1; done
for tag in c1 c2 c1 c2; do /tmp/ab/switch.sh $tag; sleep 3; bash /tmp/ab/start.sh "10M-$tag-stop"; bash /tmp/ab/start.sh "10M-$tag-kill" kill; done
