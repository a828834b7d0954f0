#!/bin/bash
# Docker's health check for a Kafka broker: healthy once the broker answers a request on its
# listener, not merely once the port is open. It sends Kafka's ApiVersions request (key 18,
# version 0, correlation id 1, no client id) over bash's /dev/tcp and expects a reply with
# correlation id 1 and error code 0. ApiVersions is answered before any authentication, so
# this works on the SASL listeners of docker-compose.secure.yml too.
#
# kafka-broker-api-versions.sh asks the same question but starts a JVM: 1.8-2.0 s of CPU a
# check, every 10 s, per broker, for as long as the stack runs (docs/benchmarks.md,
# 2026-12-06 night). This costs a few milliseconds, and uses bash alone: the official image
# is Alpine's busybox, the local stand-in Debian's coreutils.
LC_ALL=C
exec 3<>/dev/tcp/127.0.0.1/9092
printf '\0\0\0\12\0\22\0\0\0\0\0\1\377\377' >&3
# The reply starts with its length (4 bytes), then the correlation id and the error code.
# read stops at a NUL byte (-d '') and leaves the variable empty: 0 below.
reply=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
	IFS= read -r -d '' -n 1 -t 4 byte <&3 || exit 1
	printf -v reply '%s %02x' "$reply" "'$byte"
done
[[ $reply == *' 00 00 00 01 00 00' ]]
